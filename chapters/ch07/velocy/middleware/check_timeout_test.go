package middleware

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// TestTimeoutAnswers503AtTheDeadline runs in a synctest bubble, where the
// clock is fake: time passes only when every goroutine waits, so the
// handler's context must end exactly d after the request began.
func TestTimeoutAnswers503AtTheDeadline(t *testing.T) {
	d := time.Duration(1+rand.IntN(120)) * time.Second
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var waited time.Duration
		var cause error
		h := Timeout(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
				cause = context.Cause(r.Context())
			case <-time.After(3 * d): // give up waiting for a context that never ends
			}
			waited = time.Since(start)
		}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/report", nil))
		if waited != d {
			t.Fatalf("Timeout(%v): the handler's context ended after %v, want %v: give the request a context with a deadline d from now (context.WithTimeoutCause)", d, waited, d)
		}
		if !errors.Is(cause, ErrTimeout) {
			t.Errorf("Timeout(%v): context.Cause(r.Context()) = %v after the deadline, want ErrTimeout", d, cause)
		}
		if w.Code != http.StatusServiceUnavailable {
			t.Fatalf("Timeout(%v), a handler that gave up at the deadline and wrote nothing: status %d %q, want 503 Service Unavailable", d, w.Code, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") || w.Body.Len() == 0 {
			t.Errorf("the 503 has Content-Type %q and body %q, want a short text/plain body (http.Error)", ct, w.Body)
		}
	})
}

func TestTimeoutRefusesANonPositiveDuration(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Duration(1+rand.IntN(1000)) * time.Millisecond} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Timeout(%v) did not panic: a deadline that has already passed is a mistake in the code", d)
				}
			}()
			Timeout(d)
		}()
	}
}

// TestTimeoutLeavesOtherAnswersAlone is a guard: what passes before the
// step must still pass after it.
func TestTimeoutLeavesOtherAnswersAlone(t *testing.T) {
	d := time.Duration(1+rand.IntN(60)) * time.Second
	synctest.Test(t, func(t *testing.T) {
		body := fmt.Sprintf("answer %d", rand.IntN(1000))
		fast := Timeout(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(d - time.Millisecond)
			io.WriteString(w, body)
		}))
		w := httptest.NewRecorder()
		fast.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != http.StatusOK || w.Body.String() != body {
			t.Errorf("a handler that answered just before the deadline: %d %q, want 200 %q", w.Code, w.Body, body)
		}

		late := Timeout(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(2 * d) // ignores its context
			io.WriteString(w, body)
		}))
		w = httptest.NewRecorder()
		late.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != http.StatusOK || w.Body.String() != body {
			t.Errorf("a handler that ignored its context and answered late: %d %q, want its own 200 %q: Timeout interrupts nothing", w.Code, w.Body, body)
		}

		started := Timeout(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusAccepted)
			select {
			case <-r.Context().Done():
			case <-time.After(3 * d):
			}
		}))
		w = httptest.NewRecorder()
		started.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != http.StatusAccepted || w.Body.Len() != 0 {
			t.Errorf("a handler that sent 202 then waited past the deadline: %d %q, want 202 and no body: once the header is out, no 503", w.Code, w.Body)
		}

		ctx, hangUp := context.WithCancel(context.Background())
		gone := Timeout(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hangUp()
			select {
			case <-r.Context().Done():
			case <-time.After(3 * d):
			}
		}))
		w = httptest.NewRecorder()
		gone.ServeHTTP(w, httptest.NewRequestWithContext(ctx, "GET", "/", nil))
		if w.Body.Len() != 0 {
			t.Errorf("a client that hung up before the deadline got %d %q, want nothing written: only a deadline earns a 503", w.Code, w.Body)
		}

		mux := http.NewServeMux()
		mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
			http.NewResponseController(w).Flush()
		})
		r := httptest.NewRequest("GET", fmt.Sprintf("/items/%d", rand.IntN(100)), nil)
		w = httptest.NewRecorder()
		Timeout(d)(mux).ServeHTTP(w, r)
		if r.Pattern != "GET /items/{id}" {
			t.Errorf("after the router served a copy of the request, the request Timeout was given has Pattern %q, want \"GET /items/{id}\": copy it back", r.Pattern)
		}
		if !w.Flushed {
			t.Error("a handler's Flush did not reach the writer underneath: pass Wrap(w) on, which keeps Flush")
		}
	})
}
