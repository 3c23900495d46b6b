package ws

import (
	"encoding/base64"
	"testing"
)

func TestAcceptKeyRFCExample(t *testing.T) {
	// RFC 6455, section 1.3.
	if got, want := AcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="; got != want {
		t.Fatalf("AcceptKey(RFC example) = %q, want %q", got, want)
	}
}

func TestValidKey(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{"dGhlIHNhbXBsZSBub25jZQ==", true},
		{base64.StdEncoding.EncodeToString(make([]byte, 16)), true},
		{"", false},
		{"dGhlIHNhbXBsZSBub25jZQ", false},   // unpadded
		{"dGhlIHNhbXBsZSBub25jZQ=", false},  // 23 characters
		{"dGhlIHNhbXBsZSBub25jZR==", false}, // non-canonical final bits
		{"dGhlIHNhbXBsZSBub25j!Q==", false},
		{base64.StdEncoding.EncodeToString(make([]byte, 15)), false},
		{base64.StdEncoding.EncodeToString(make([]byte, 17)), false},
		{base64.URLEncoding.EncodeToString([]byte{0xfb, 0xff, 0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), false},
	} {
		if got := validKey(tc.key); got != tc.want {
			t.Errorf("validKey(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
}

func TestNewKey(t *testing.T) {
	a, b := newKey(), newKey()
	if !validKey(a) || !validKey(b) {
		t.Fatalf("newKey gave %q and %q, not valid keys", a, b)
	}
	if a == b {
		t.Fatalf("newKey gave %q twice", a)
	}
}
