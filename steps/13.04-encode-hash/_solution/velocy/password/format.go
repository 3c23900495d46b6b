package password

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
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
	return "$" + Algorithm + "$i=" + strconv.Itoa(iterations) +
		"$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key)
}

// decode takes apart what encode wrote. Anything else is an error
// wrapping ErrMalformed or ErrUnknownAlgorithm; it never panics, and it
// accepts only the one spelling encode gives, so encode(decode(s)) == s.
func decode(s string) (decoded, error) {
	if len(s) > maxEncodedLen {
		return decoded{}, fmt.Errorf("%w: %d bytes, more than %d", ErrMalformed, len(s), maxEncodedLen)
	}
	parts := strings.Split(s, "$")
	if len(parts) < 3 || parts[0] != "" {
		return decoded{}, fmt.Errorf("%w: want $%s$i=N$salt$hash", ErrMalformed, Algorithm)
	}
	if parts[1] != Algorithm {
		return decoded{}, fmt.Errorf("%w %q", ErrUnknownAlgorithm, parts[1])
	}
	if len(parts) != 5 {
		return decoded{}, fmt.Errorf("%w: want $%s$i=N$salt$hash", ErrMalformed, Algorithm)
	}
	n, ok := strings.CutPrefix(parts[2], "i=")
	iterations, err := strconv.Atoi(n)
	if !ok || err != nil || n != strconv.Itoa(iterations) {
		return decoded{}, fmt.Errorf("%w: iterations %q: want i= and a number", ErrMalformed, parts[2])
	}
	if iterations < MinIterations || iterations > MaxIterations {
		return decoded{}, fmt.Errorf("%w: %d iterations, outside [%d, %d]", ErrMalformed, iterations, MinIterations, MaxIterations)
	}
	salt, err := decodeB64(parts[3])
	if err != nil || len(salt) < MinSaltLen || len(salt) > MaxSaltLen {
		return decoded{}, fmt.Errorf("%w: salt: want %d to %d bytes in unpadded base64", ErrMalformed, MinSaltLen, MaxSaltLen)
	}
	key, err := decodeB64(parts[4])
	if err != nil || len(key) < MinKeyLen || len(key) > MaxKeyLen {
		return decoded{}, fmt.Errorf("%w: hash: want %d to %d bytes in unpadded base64", ErrMalformed, MinKeyLen, MaxKeyLen)
	}
	return decoded{iterations: iterations, salt: salt, key: key}, nil
}

// decodeB64 decodes unpadded standard base64, refusing the line breaks
// that encoding/base64 skips: a hash has one spelling.
func decodeB64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("line break in base64")
	}
	return b64.DecodeString(s)
}
