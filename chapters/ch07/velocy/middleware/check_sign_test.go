package middleware

import (
	"crypto/hmac"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"strings"
	"testing"
)

// signKey returns n random bytes.
func signKey(n int) []byte {
	k := make([]byte, n)
	crand.Read(k)
	return k
}

// signNew returns NewSigner(keys...), or stops the test.
func signNew(t *testing.T, keys ...[]byte) *Signer {
	t.Helper()
	s, err := NewSigner(keys...)
	if err != nil {
		t.Fatalf("NewSigner(%d keys of %d bytes) = %v, want no error", len(keys), len(keys[0]), err)
	}
	if s == nil || len(s.keys) != len(keys) {
		t.Fatalf("NewSigner with %d good key(s) returned a Signer holding %v: keep a copy of every key", len(keys), s)
	}
	return s
}

// signRandomValue returns a random string, often with bytes that are not
// allowed in a cookie.
func signRandomValue() string {
	b := make([]byte, rand.IntN(60))
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return string(b)
}

func TestSignNewSignerRefusesShortKeys(t *testing.T) {
	if s, err := NewSigner(); err == nil || s != nil {
		t.Errorf("NewSigner() = %v, %v; want nil and an error: a signer needs a key", s, err)
	}
	n := rand.IntN(MinKeyLen)
	if s, err := NewSigner(signKey(n)); err == nil || s != nil {
		t.Errorf("NewSigner(a %d-byte key) = %v, %v; want nil and an error: keys need at least %d bytes", n, s, err, MinKeyLen)
	}
	if s, err := NewSigner(signKey(MinKeyLen), signKey(n)); err == nil || s != nil {
		t.Errorf("NewSigner(32 bytes, %d bytes) = %v, %v; want nil and an error: every key must be long enough", n, s, err)
	}
	signNew(t, signKey(MinKeyLen+rand.IntN(32)))
}

func TestSignFormat(t *testing.T) {
	key := signKey(MinKeyLen)
	s := signNew(t, key)
	name := []string{"session", "theme", "a", ""}[rand.IntN(4)]
	value := signRandomValue()

	h := hmac.New(sha256.New, key)
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(name))))
	h.Write([]byte(name))
	h.Write([]byte(value))
	enc := base64.RawURLEncoding
	want := enc.EncodeToString([]byte(value)) + "." + enc.EncodeToString(h.Sum(nil))
	if got := s.Sign(name, value); got != want {
		t.Fatalf("Sign(%q, %q) =\n  %q\nwant\n  %q\n(base64url of the value, a dot, base64url of HMAC-SHA256 over len(name) as 8 bytes big-endian, name, value)", name, value, got, want)
	}
}

func TestSignRoundTrip(t *testing.T) {
	s := signNew(t, signKey(MinKeyLen))
	for range 20 {
		value := signRandomValue()
		signed := s.Sign("c", value)
		got, err := s.Verify("c", signed)
		if err != nil || got != value {
			t.Fatalf("Verify(\"c\", Sign(\"c\", %q)) = %q, %v; want the value back and no error", value, got, err)
		}
	}
}

func TestSignBindsTheName(t *testing.T) {
	s := signNew(t, signKey(MinKeyLen))
	value := signRandomValue()
	if got, err := s.Verify("admin", s.Sign("role", value)); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("a value signed for cookie \"role\", verified as \"admin\" = %q, %v; want ErrInvalidSignature: put the name into the MAC", got, err)
	}
	signed := s.Sign("ab", "c")
	forged := base64.RawURLEncoding.EncodeToString([]byte("bc")) + signed[strings.IndexByte(signed, '.'):]
	if _, err := s.Verify("a", forged); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("the MAC of (\"ab\", \"c\") verified for (\"a\", \"bc\"): err = %v; put the length of the name in front of it", err)
	}
}

func TestSignRefusesChanges(t *testing.T) {
	s := signNew(t, signKey(MinKeyLen))
	value := "amount=" + signRandomValue()
	signed := s.Sign("n", value)
	dot := strings.IndexByte(signed, '.')
	if dot < 0 {
		t.Fatalf("Sign = %q, has no dot", signed)
	}
	// Another value under the same MAC.
	other := base64.RawURLEncoding.EncodeToString([]byte(value+"0")) + signed[dot:]
	if got, err := s.Verify("n", other); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("a changed value under the old MAC: Verify = %q, %v; want ErrInvalidSignature", got, err)
	}
	// One character of the MAC changed.
	i := dot + 1 + rand.IntN(len(signed)-dot-2)
	b := []byte(signed)
	b[i] = "AB"[rand.IntN(2)]
	if b[i] == signed[i] {
		b[i] ^= 'A' ^ 'B'
	}
	if got, err := s.Verify("n", string(b)); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("byte %d of the MAC changed: Verify(%q) = %q, %v; want ErrInvalidSignature", i, b, got, err)
	}
	// A signature made with another key.
	if got, err := s.Verify("n", signNew(t, signKey(MinKeyLen)).Sign("n", value)); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("signed with another key: Verify = %q, %v; want ErrInvalidSignature", got, err)
	}
}

func TestSignMalformed(t *testing.T) {
	s := signNew(t, signKey(MinKeyLen))
	signed := s.Sign("n", "v")
	value, mac, ok := strings.Cut(signed, ".")
	if !ok {
		t.Fatalf("Sign = %q, has no dot", signed)
	}
	for _, bad := range []string{
		"",
		".",
		value,
		value + mac,
		value + "." + mac + ".",
		value + "." + mac[:len(mac)-1],
		value + "." + mac + "AA",
		"dg==." + mac,
		"d+." + mac,
		"d*." + mac,
	} {
		if got, err := s.Verify("n", bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify(%q) = %q, %v; want ErrMalformed", bad, got, err)
		}
	}
}

func TestSignCopiesTheKeys(t *testing.T) {
	key := signKey(MinKeyLen)
	s := signNew(t, key)
	signed := s.Sign("n", "v")
	key[0] ^= 0xff
	if got, err := s.Verify("n", signed); err != nil || got != "v" {
		t.Errorf("after the caller changed its key slice, Verify = %q, %v; want \"v\": NewSigner must copy the keys", got, err)
	}
}

// TestSignComparesWithHMACEqual reads cookie.go: MACs must be compared
// in constant time, with hmac.Equal or subtle.ConstantTimeCompare, wherever
// the comparison lives (Verify or a helper of its own), and never with
// bytes.Equal.
func TestSignComparesWithHMACEqual(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "cookie.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	constant, bytesEqual := false, false
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok {
			switch x.Name + "." + sel.Sel.Name {
			case "hmac.Equal", "subtle.ConstantTimeCompare":
				constant = true
			case "bytes.Equal":
				bytesEqual = true
			}
		}
		return true
	})
	if !constant {
		t.Error("cookie.go never calls hmac.Equal (or subtle.ConstantTimeCompare): == and bytes.Equal stop at the first difference, and that time leaks the MAC")
	}
	if bytesEqual {
		t.Error("cookie.go calls bytes.Equal: it stops at the first difference; compare MACs with hmac.Equal")
	}
}
