package ws

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
)

// keyGUID is the fixed string RFC 6455 (section 1.3) appends to the
// client's key before hashing it. Only a server that knows WebSocket
// computes the answer, so a 101 from something else cannot pass for one.
const keyGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// AcceptKey returns the Sec-WebSocket-Accept value that answers the
// Sec-WebSocket-Key key: the base64 of the SHA-1 of key followed by the
// RFC's GUID. The key is used as sent, not decoded.
func AcceptKey(key string) string {
	h := sha1.New()
	h.Write([]byte(key))
	h.Write([]byte(keyGUID))
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// validKey reports whether key is what RFC 6455 requires of a
// Sec-WebSocket-Key: 16 bytes in padded base64, 24 characters.
func validKey(key string) bool {
	if len(key) != 24 {
		return false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(key)
	return err == nil && len(b) == 16
}

// newKey returns a fresh Sec-WebSocket-Key: 16 random bytes in base64.
func newKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return base64.StdEncoding.EncodeToString(b[:])
}
