package password

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
)

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
var DefaultParams = Params{Iterations: 600_000, SaltLen: 16, KeyLen: 32}

// Hash hashes password with [DefaultParams] and a new random salt.
func Hash(password string) (string, error) {
	return DefaultParams.Hash(password)
}

// Hash hashes password with p and a new random salt, and returns the
// encoded hash. Params outside the decoder's limits are an error, so
// that no hash is ever written that [Verify] would refuse.
func (p Params) Hash(password string) (string, error) {
	if p.Iterations < MinIterations || p.Iterations > MaxIterations ||
		p.SaltLen < MinSaltLen || p.SaltLen > MaxSaltLen ||
		p.KeyLen < MinKeyLen || p.KeyLen > MaxKeyLen {
		return "", fmt.Errorf("password: params %+v outside the limits", p)
	}
	salt := make([]byte, p.SaltLen)
	rand.Read(salt) // never fails: a broken random source crashes the program
	key, err := pbkdf2.Key(sha256.New, password, salt, p.Iterations, p.KeyLen)
	if err != nil {
		return "", fmt.Errorf("password: %w", err)
	}
	return encode(p.Iterations, salt, key), nil
}

// Verify reports whether password matches the encoded hash, using the
// salt, iteration count and key length the hash records. The error is
// for a hash that cannot be read (it wraps [ErrMalformed] or
// [ErrUnknownAlgorithm]); a wrong password is false and no error.
//
// The comparison takes the same time wherever the first differing byte
// is (crypto/subtle).
func Verify(password, encoded string) (bool, error) {
	d, err := decode(encoded)
	if err != nil {
		return false, err
	}
	key, err := pbkdf2.Key(sha256.New, password, d.salt, d.iterations, len(d.key))
	if err != nil {
		return false, fmt.Errorf("password: %w", err)
	}
	return subtle.ConstantTimeCompare(key, d.key) == 1, nil
}
