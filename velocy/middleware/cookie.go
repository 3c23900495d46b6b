package middleware

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// MinKeyLen is the shortest key, in bytes, that [NewSigner] accepts: as long
// as the output of SHA-256, so that the key is never the weak part of the MAC.
const MinKeyLen = 32

// The errors of [Signer.Verify] and [Signer.Cookie]. Both mean "do not trust
// this value"; they are told apart for logs and tests, never to show the
// client which check failed.
var (
	// ErrMalformed means the signed value does not have the shape Sign
	// produces: no dot, more than one, or a part that is not unpadded
	// base64url, or a MAC of the wrong length.
	ErrMalformed = errors.New("middleware: malformed signed value")
	// ErrInvalidSignature means the value has the right shape but its MAC
	// matches none of the keys: it was changed, signed under another cookie
	// name, or signed with a key that is no longer in the list.
	ErrInvalidSignature = errors.New("middleware: invalid signature")
)

// b64 is unpadded base64url: only letters, digits, '-' and '_', all of them
// allowed in a cookie value. Strict refuses non-zero padding bits, so every
// byte string has exactly one encoding.
var b64 = base64.RawURLEncoding.Strict()

// macLen is the length of an HMAC-SHA256.
const macLen = sha256.Size

// Signer signs values with HMAC-SHA256 so that a client can hold them (in a
// cookie) but not change them. A signed value reads
//
//	base64url(value) "." base64url(HMAC-SHA256(key, len(name) name value))
//
// where base64url is unpadded (RFC 4648, section 5) and len(name) is eight
// bytes, big-endian. The name is part of the MAC so that a value signed for
// one cookie is refused under another: a signed "role=user" cannot be
// replayed as the cookie "admin". The length in front of the name keeps
// name "ab" with value "c" apart from name "a" with value "bc".
//
// Signing is not encryption: anyone can decode the value. Put nothing secret
// in a signed cookie, and nothing that must expire: a signature never does.
//
// A Signer holds one or more keys for rotation: it signs with the first and
// accepts a MAC made by any of them. To rotate, put the new key first and
// keep the old one second until every cookie signed with it has expired.
// A Signer is safe for concurrent use.
type Signer struct {
	keys [][]byte
}

// NewSigner returns a Signer that signs with keys[0] and verifies with every
// key. It refuses an empty list and any key shorter than [MinKeyLen] bytes;
// generate keys with crypto/rand, never from a password. NewSigner copies
// the keys.
func NewSigner(keys ...[]byte) (*Signer, error) {
	if len(keys) == 0 {
		return nil, errors.New("middleware: NewSigner: no key")
	}
	s := &Signer{keys: make([][]byte, len(keys))}
	for i, k := range keys {
		if len(k) < MinKeyLen {
			return nil, fmt.Errorf("middleware: NewSigner: key %d is %d bytes, want at least %d",
				i, len(k), MinKeyLen)
		}
		s.keys[i] = append([]byte(nil), k...)
	}
	return s, nil
}

// mac returns the MAC of value signed for the cookie name with key.
func mac(key []byte, name, value string) []byte {
	h := hmac.New(sha256.New, key)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(name)))
	h.Write(n[:])
	h.Write([]byte(name))
	h.Write([]byte(value))
	return h.Sum(nil)
}

// Sign returns value signed for the cookie called name, in the format shown
// on [Signer]. Any byte string may be signed; the result holds only
// characters allowed in a cookie value.
func (s *Signer) Sign(name, value string) string {
	m := mac(s.keys[0], name, value)
	buf := make([]byte, 0, b64.EncodedLen(len(value))+1+b64.EncodedLen(macLen))
	buf = b64.AppendEncode(buf, []byte(value))
	buf = append(buf, '.')
	buf = b64.AppendEncode(buf, m)
	return string(buf)
}

// Verify checks a value made by Sign for the cookie called name and returns
// the value it carries. It returns [ErrMalformed] if signed does not have
// the format of Sign, and [ErrInvalidSignature] if no key's MAC matches. The
// MACs are compared with [hmac.Equal], which takes the same time wherever
// the first difference is, so the time of a refusal tells an attacker
// nothing about how close a forgery came.
func (s *Signer) Verify(name, signed string) (string, error) {
	encValue, encMAC, ok := strings.Cut(signed, ".")
	if !ok || strings.IndexByte(encMAC, '.') >= 0 || len(encMAC) != b64.EncodedLen(macLen) {
		return "", ErrMalformed
	}
	got, err := b64.DecodeString(encMAC)
	if err != nil {
		return "", ErrMalformed
	}
	value, err := b64.DecodeString(encValue)
	if err != nil {
		return "", ErrMalformed
	}
	for _, k := range s.keys {
		if hmac.Equal(got, mac(k, name, string(value))) {
			return string(value), nil
		}
	}
	return "", ErrInvalidSignature
}

// SetCookie signs c.Value for c.Name and adds the cookie to the header of w,
// as [http.SetCookie] does; c itself is not changed. It returns an error,
// and sets nothing, if the cookie is not valid ([http.Cookie.Valid]) or if
// the signed cookie is longer than the 4096 bytes that browsers are required
// to keep (RFC 6265, section 6.1).
func (s *Signer) SetCookie(w http.ResponseWriter, c *http.Cookie) error {
	signed := *c
	signed.Value = s.Sign(c.Name, c.Value)
	if err := signed.Valid(); err != nil {
		return fmt.Errorf("middleware: SetCookie: %w", err)
	}
	line := signed.String()
	if len(line) > 4096 {
		return fmt.Errorf("middleware: SetCookie: cookie %q is %d bytes signed, more than 4096",
			c.Name, len(line))
	}
	w.Header().Add("Set-Cookie", line)
	return nil
}

// Cookie returns the verified value of the request's cookie called name.
// When the request carries several cookies of that name (a sibling
// subdomain or a narrower path can set one that the browser sends first),
// the first that verifies wins. Cookie returns [http.ErrNoCookie] when there
// is no cookie of that name, and otherwise the error of the first one when
// none verifies: [ErrMalformed] or [ErrInvalidSignature].
func (s *Signer) Cookie(r *http.Request, name string) (string, error) {
	var first error
	for _, c := range r.CookiesNamed(name) {
		v, err := s.Verify(name, c.Value)
		if err == nil {
			return v, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		return "", http.ErrNoCookie
	}
	return "", first
}
