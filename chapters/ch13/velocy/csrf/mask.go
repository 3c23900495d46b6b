package csrf

import (
	"crypto/rand"
	"encoding/base64"
)

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
	if tok == "" {
		return ""
	}
	b := make([]byte, 2*len(tok))
	pad, hidden := b[:len(tok)], b[len(tok):]
	rand.Read(pad)
	for i := range len(tok) {
		hidden[i] = tok[i] ^ pad[i]
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// unmaskToken returns the token that maskToken hid in masked, or "" when
// masked is not a masked token: the wrong length (a token sent as its
// cookie holds it, unmasked, is too short), or not strict URL-safe
// base64. It looks at masked alone; whether the token is the cookie's is
// for the caller to compare, in constant time.
func unmaskToken(masked string) string {
	if len(masked) != maskedLen {
		return ""
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(masked)
	if err != nil || len(b) != 2*tokenLen {
		return ""
	}
	pad, hidden := b[:tokenLen], b[tokenLen:]
	for i := range hidden {
		hidden[i] ^= pad[i]
	}
	return string(hidden)
}
