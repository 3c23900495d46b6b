package middleware

import (
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"
)

// trustCheckSaneID returns a random id that RequestID must keep.
func trustCheckSaneID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:+/="
	b := make([]byte, 1+rand.IntN(64))
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

func TestRequestIDTrustsASaneID(t *testing.T) {
	for _, id := range []string{trustCheckSaneID(), trustCheckSaneID(), "f47ac10b-58cc-4372-a567-0e02b2c3d479", strings.Repeat("x", 64)} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("X-Request-Id", id)
		w, seen := requestIDCheckServe(RequestIDOptions{TrustIncoming: true}, req)
		if got := w.Header().Get("X-Request-Id"); got != id || seen != id {
			t.Errorf("TrustIncoming, incoming id %q: response header %q, handler saw %q; want the incoming id kept", id, got, seen)
		}
	}
}

func TestRequestIDRefusesAnInsaneID(t *testing.T) {
	sane := trustCheckSaneID()
	bad := [][]string{
		{""},
		{strings.Repeat("a", 65)},
		{sane + " x"},
		{sane + `"`},
		{sane + "\n{\"level\":\"ERROR\"}"},
		{sane + "\t"},
		{sane + "é"},
		{sane + ";"},
		{"<" + sane + ">"},
		{sane, sane},
	}
	for _, lines := range bad {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header["X-Request-Id"] = lines
		w, seen := requestIDCheckServe(RequestIDOptions{TrustIncoming: true}, req)
		id := w.Header().Get("X-Request-Id")
		if msg := requestIDCheckValid(id); msg != "" || seen != id {
			t.Errorf("TrustIncoming, incoming header lines %q: response id %q, handler saw %q; want a new id (16 characters of base64url) in both", lines, id, seen)
		}
	}
}
