package ratelimit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// failOpenDown is a Backend whose store is unreachable.
type failOpenDown struct{ err error }

func (b failOpenDown) Allow(context.Context, string, Policy) (Decision, error) {
	return Decision{}, b.err
}

func failOpenServe(closed bool) (code int, logs string, reached bool, msg string) {
	msg = fmt.Sprintf("dial tcp 10.0.0.%d:6379: connection refused", rand.IntN(255))
	var buf bytes.Buffer
	h := Middleware(Options{
		Backend:    failOpenDown{errors.New(msg)},
		Policy:     Policy{Limit: 1, Period: time.Second},
		FailClosed: closed,
		Logger:     slog.New(slog.NewTextHandler(&buf, nil)),
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = true }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	return w.Code, buf.String(), reached, msg
}

func TestFailOpenLetsThroughAndLogs(t *testing.T) {
	code, logs, reached, msg := failOpenServe(false)
	if code != 200 || !reached {
		t.Errorf("backend down, FailClosed false: %d, handler reached %v; want 200, true (fail open)", code, reached)
	}
	if !strings.Contains(logs, msg) {
		t.Errorf("backend down: Logger got %q; want the backend's error %q logged", logs, msg)
	}
}

func TestFailClosedAnswers503(t *testing.T) {
	code, logs, reached, msg := failOpenServe(true)
	if code != 503 || reached {
		t.Errorf("backend down, FailClosed true: %d, handler reached %v; want 503, false", code, reached)
	}
	if !strings.Contains(logs, msg) {
		t.Errorf("backend down: Logger got %q; want the backend's error %q logged", logs, msg)
	}
}
