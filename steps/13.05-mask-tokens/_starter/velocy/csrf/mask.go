package csrf

import "encoding/base64"

// tokenLen is the length of a token as its cookie holds it, and maskedLen
// the length of a masked one: a random pad as long as the token, then
// the token XOR the pad, in URL-safe base64.
var (
	tokenLen  = base64.RawURLEncoding.EncodedLen(nonceLen + macLen)
	maskedLen = base64.RawURLEncoding.EncodedLen(2 * tokenLen)
)

// maskToken hides tok, a token as its cookie holds it, under a fresh
// random pad: the URL-safe base64 of the pad followed by each byte of tok
// XOR the pad's byte. Each call returns other bytes for the same token,
// so a compressed page gives away nothing about it. It returns "" for "".
func maskToken(tok string) string {
	// TODO(13.05): len(tok) random bytes (crypto/rand) for the pad, then
	// tok[i] ^ pad[i] for each i, the two halves in one slice, encoded with
	// base64.RawURLEncoding.
	return ""
}

// unmaskToken returns the token that maskToken hid in masked, or "" when
// masked is not a masked token: the wrong length (a token sent as its
// cookie holds it, unmasked, is too short), or not strict URL-safe
// base64. It looks at masked alone; whether the token is the cookie's is
// for the caller to compare, in constant time.
func unmaskToken(masked string) string {
	// TODO(13.05): refuse any length but maskedLen, decode with
	// base64.RawURLEncoding.Strict(), and XOR the second half with the
	// first.
	return ""
}
