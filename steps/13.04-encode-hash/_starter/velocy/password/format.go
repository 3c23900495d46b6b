package password

import (
	"encoding/base64"
	"errors"
	"strings"
)

// Algorithm is the name an encoded hash of this package starts with.
const Algorithm = "pbkdf2-sha256"

// The limits the decoder enforces. A stored hash comes from a database
// that someone else may have written to: an iteration count of two
// billion would turn one login into minutes of CPU.
const (
	MinIterations = 1_000
	MaxIterations = 10_000_000
	MinSaltLen    = 8
	MaxSaltLen    = 64
	MinKeyLen     = 16
	MaxKeyLen     = 64
	maxEncodedLen = 256
)

var (
	// ErrMalformed is the error for an encoded hash that is not one: wrong
	// shape, bad base64, or a parameter outside the limits.
	ErrMalformed = errors.New("password: malformed hash")
	// ErrUnknownAlgorithm is the error for a well-formed hash of another
	// algorithm than [Algorithm].
	ErrUnknownAlgorithm = errors.New("password: unknown hash algorithm")
)

// b64 is the base64 of the PHC string format: standard alphabet, no
// padding, and strict, so that every hash has exactly one spelling.
var b64 = base64.RawStdEncoding.Strict()

// decoded is an encoded hash taken apart.
type decoded struct {
	iterations int
	salt, key  []byte
}

// encode writes a hash as $pbkdf2-sha256$i=<iterations>$<salt>$<key>.
func encode(iterations int, salt, key []byte) string {
	// TODO(13.04): "$" + Algorithm + "$i=" + the iterations in decimal +
	// "$" + the salt in b64 + "$" + the key in b64.
	return ""
}

// decode takes apart what encode wrote. Anything else is an error
// wrapping ErrMalformed or ErrUnknownAlgorithm; it never panics, and it
// accepts only the one spelling encode gives, so encode(decode(s)) == s.
func decode(s string) (decoded, error) {
	// TODO(13.04): refuse s longer than maxEncodedLen; split it on "$";
	// an algorithm other than Algorithm is ErrUnknownAlgorithm, every
	// other fault ErrMalformed (wrap it: fmt.Errorf("%w: ...",
	// ErrMalformed)). "i=" and a number without sign or leading zeros,
	// within [MinIterations, MaxIterations]; salt and key with decodeB64,
	// their lengths within the limits.
	return decoded{}, nil
}

// decodeB64 decodes unpadded standard base64, refusing the line breaks
// that encoding/base64 skips: a hash has one spelling.
func decodeB64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("line break in base64")
	}
	return b64.DecodeString(s)
}
