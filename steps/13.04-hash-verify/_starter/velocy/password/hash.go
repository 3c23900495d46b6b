package password

import "errors"

// Params are the cost of a hash: how many iterations of HMAC-SHA256, and
// how long the salt and the derived key are, in bytes.
type Params struct {
	Iterations int
	SaltLen    int
	KeyLen     int
}

// DefaultParams are OWASP's advice for PBKDF2-HMAC-SHA256: 600,000
// iterations, a 16-byte random salt, a 32-byte key (SHA-256's size: a
// longer key would cost the server a second pass that an attacker skips).
var DefaultParams = Params{} // TODO(13.04): OWASP's numbers for PBKDF2-HMAC-SHA256

// Hash hashes password with [DefaultParams] and a new random salt.
func Hash(password string) (string, error) {
	return DefaultParams.Hash(password)
}

// Hash hashes password with p and a new random salt, and returns the
// encoded hash. Params outside the decoder's limits are an error, so
// that no hash is ever written that [Verify] would refuse.
func (p Params) Hash(password string) (string, error) {
	// TODO(13.04): refuse p outside [MinIterations, MaxIterations],
	// [MinSaltLen, MaxSaltLen], [MinKeyLen, MaxKeyLen]; p.SaltLen random
	// bytes from crypto/rand; pbkdf2.Key(sha256.New, password, salt,
	// p.Iterations, p.KeyLen); encode.
	return "", errors.New("password: Hash is not written yet")
}

// Verify reports whether password matches the encoded hash, using the
// salt, iteration count and key length the hash records. The error is
// for a hash that cannot be read (it wraps [ErrMalformed] or
// [ErrUnknownAlgorithm]); a wrong password is false and no error.
//
// The comparison takes the same time wherever the first differing byte
// is (crypto/subtle).
func Verify(password, encoded string) (bool, error) {
	// TODO(13.04): decode; derive a key from password with the hash's own
	// salt, iterations and key length; compare with
	// subtle.ConstantTimeCompare.
	return false, nil
}
