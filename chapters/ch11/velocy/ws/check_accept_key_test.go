package ws

import (
	"crypto/sha1"
	"encoding/base64"
	"math/rand/v2"
	"testing"
)

// hsRandomBytes returns n random bytes.
func hsRandomBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return b
}

// hsRandomKey returns a random valid Sec-WebSocket-Key.
func hsRandomKey() string {
	return base64.StdEncoding.EncodeToString(hsRandomBytes(16))
}

func TestHsAcceptKey(t *testing.T) {
	// The example of RFC 6455, section 1.3.
	if got, want := AcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="; got != want {
		t.Fatalf("AcceptKey(%q) = %q, want %q (the RFC's example): SHA-1 of the key then keyGUID, in standard base64", "dGhlIHNhbXBsZSBub25jZQ==", got, want)
	}
	for range 50 {
		key := hsRandomKey()
		sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		want := base64.StdEncoding.EncodeToString(sum[:])
		if got := AcceptKey(key); got != want {
			t.Fatalf("AcceptKey(%q) = %q, want %q: hash the key as sent (its text, not its decoded bytes)", key, got, want)
		}
	}
}

func TestHsValidKey(t *testing.T) {
	for range 50 {
		key := hsRandomKey()
		if !validKey(key) {
			t.Fatalf("validKey(%q) = false, want true: 16 bytes in padded base64", key)
		}
	}
	std := base64.StdEncoding.EncodeToString
	key := hsRandomKey()
	bad := []struct{ key, why string }{
		{"", "empty"},
		{std(hsRandomBytes(15)), "15 bytes"},
		{std(hsRandomBytes(17)), "17 bytes, though 24 characters"},
		{std(hsRandomBytes(18)), "18 bytes, though 24 characters"},
		{base64.RawStdEncoding.EncodeToString(hsRandomBytes(16)), "16 bytes without the padding"},
		{"-" + key[1:], "'-' is not in the standard base64 alphabet"},
		{key[:10] + "!" + key[11:], "'!' is not base64"},
	}
	for _, b := range bad {
		if validKey(b.key) {
			t.Fatalf("validKey(%q) = true, want false: %s", b.key, b.why)
		}
	}
}

func TestHsNewKey(t *testing.T) {
	seen := map[string]bool{}
	for range 20 {
		k := newKey()
		if b, err := base64.StdEncoding.DecodeString(k); err != nil || len(b) != 16 {
			t.Fatalf("newKey() = %q, want 16 random bytes in standard base64 (decodes to %d bytes, %v)", k, len(b), err)
		}
		if seen[k] {
			t.Fatalf("newKey() returned %q twice in 20 calls: fill the bytes from crypto/rand", k)
		}
		seen[k] = true
	}
}
