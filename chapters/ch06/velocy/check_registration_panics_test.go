package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"
)

// registrationPanic calls f and returns the text of what it panics with, and
// whether it panicked at all.
func registrationPanic(f func()) (msg string, panicked bool) {
	defer func() {
		if v := recover(); v != nil {
			msg, panicked = fmt.Sprint(v), true
		}
	}()
	f()
	return "", false
}

// registrationOutcome describes what registrationPanic saw, for messages.
func registrationOutcome(msg string, panicked bool) string {
	if !panicked {
		return "does not panic"
	}
	return fmt.Sprintf("panics with %q", msg)
}

// registrationRoute returns a random method and path, so that no message of
// the check can be written into Handle.
func registrationRoute() (method, path string) {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return []string{"GET", "POST", "PUT", "DELETE", "PATCH"}[rand.IntN(5)], "/" + string(b)
}

func TestHandleRefusesNilHandler(t *testing.T) {
	method, path := registrationRoute()
	msg, panicked := registrationPanic(func() { New().Handle(method, path, nil) })
	if want := fmt.Sprintf("velocy: %s %q: nil handler", method, path); msg != want {
		t.Errorf("Handle(%q, %q, nil) %s, want a panic with %q: a nil handler would only fail later, at the first request", method, path, registrationOutcome(msg, panicked), want)
	}
}

func TestHandleRefusesDuplicateRoute(t *testing.T) {
	method, path := registrationRoute()
	other := "OPTIONS"
	r := New()
	h := http.NotFoundHandler()
	r.Handle(method, path, h)
	if msg, panicked := registrationPanic(func() { r.Handle(other, path, h) }); panicked {
		t.Errorf("Handle(%q, %q) after %s %s panics with %q, want no panic: another method is another route", other, path, method, path, msg)
	}
	msg, panicked := registrationPanic(func() { r.Handle(method, path, h) })
	if want := fmt.Sprintf("velocy: %s %q: already registered", method, path); msg != want {
		t.Errorf("Handle(%q, %q) a second time %s, want a panic with %q: silently replacing the first handler hides a bug", method, path, registrationOutcome(msg, panicked), want)
	}
}
