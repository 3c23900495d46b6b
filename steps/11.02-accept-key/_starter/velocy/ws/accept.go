package ws

// keyGUID is the fixed string RFC 6455 (section 1.3) appends to the
// client's key before hashing it. Only a server that knows WebSocket
// computes the answer, so a 101 from something else cannot pass for one.
const keyGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// AcceptKey returns the Sec-WebSocket-Accept value that answers the
// Sec-WebSocket-Key key: the base64 of the SHA-1 of key followed by the
// RFC's GUID. The key is used as sent, not decoded.
func AcceptKey(key string) string {
	// TODO(11.02): hash key then keyGUID with crypto/sha1, and return the
	// digest in standard base64 (encoding/base64).
	return ""
}

// validKey reports whether key is what RFC 6455 requires of a
// Sec-WebSocket-Key: 16 bytes in padded base64, 24 characters.
func validKey(key string) bool {
	// TODO(11.02): 24 characters that decode, strictly, to 16 bytes.
	return false
}

// newKey returns a fresh Sec-WebSocket-Key: 16 random bytes in base64.
func newKey() string {
	// TODO(11.02): 16 bytes from crypto/rand, in standard base64.
	return ""
}
