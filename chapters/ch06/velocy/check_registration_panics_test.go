package velocy

import (
	"fmt"
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

func TestHandleRefusesNilHandler(t *testing.T) {
	msg, panicked := registrationPanic(func() { New().Handle("GET", "/x", nil) })
	if want := `velocy: GET "/x": nil handler`; msg != want {
		t.Errorf("Handle(\"GET\", \"/x\", nil) %s, want a panic with %q: a nil handler would only fail later, at the first request", registrationOutcome(msg, panicked), want)
	}
}

func TestHandleRefusesDuplicateRoute(t *testing.T) {
	r := New()
	h := http.NotFoundHandler()
	r.Handle("GET", "/x", h)
	if msg, panicked := registrationPanic(func() { r.Handle("POST", "/x", h) }); panicked {
		t.Errorf("Handle(\"POST\", \"/x\") after GET /x panics with %q, want no panic: another method is another route", msg)
	}
	msg, panicked := registrationPanic(func() { r.Handle("GET", "/x", h) })
	if want := `velocy: GET "/x": already registered`; msg != want {
		t.Errorf("Handle(\"GET\", \"/x\") a second time %s, want a panic with %q: silently replacing the first handler hides a bug", registrationOutcome(msg, panicked), want)
	}
}
