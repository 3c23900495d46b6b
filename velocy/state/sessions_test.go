package state_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
)

// TestSessionsBehindTheMiddleware runs chapter 7's session middleware on a
// Store: two "servers" sharing one store see one session, as two
// instances sharing Redis would.
func TestSessionsBehindTheMiddleware(t *testing.T) {
	shared := state.NewMemory(state.MemoryOptions{})
	count := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := middleware.SessionFrom(r.Context())
		v, _ := s.Get("n")
		n, _ := strconv.Atoi(v)
		s.Set("n", strconv.Itoa(n+1))
		w.Write([]byte(strconv.Itoa(n + 1)))
	})
	server := func() http.Handler {
		return middleware.Sessions(middleware.SessionOptions{
			Store:    state.Sessions(shared, "session:"),
			Insecure: true,
		})(count)
	}
	a, b := server(), server()
	var cookie *http.Cookie
	for i, h := range []http.Handler{a, b, a, b} {
		req := httptest.NewRequest("GET", "/", nil)
		if cookie != nil {
			req.AddCookie(cookie)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Body.String(); got != strconv.Itoa(i+1) {
			t.Fatalf("request %d: count %q, want %d: the session did not follow the client across servers", i+1, got, i+1)
		}
		if cs := rec.Result().Cookies(); len(cs) > 0 {
			cookie = cs[0]
		}
	}
	if shared.Len() != 1 {
		t.Errorf("the store holds %d keys, want 1 session", shared.Len())
	}
}

// keyErrStore is a memory store whose Set fails with an error naming the
// key, as a client's errors may.
type keyErrStore struct{ *state.Memory }

var errFull = errors.New("out of memory")

func (keyErrStore) Set(_ context.Context, key string, _ []byte, _ time.Duration) error {
	return fmt.Errorf("set %s: %w", key, errFull)
}

func TestSessionsKeepTheIDOutOfErrors(t *testing.T) {
	s := state.Sessions(keyErrStore{state.NewMemory(state.MemoryOptions{})}, "session:")
	err := s.Save(t.Context(), "secret-id", []byte("x"), time.Time{})
	if err == nil || strings.Contains(err.Error(), "secret-id") || !errors.Is(err, errFull) {
		t.Fatalf("Save on a failing store = %v; want an error without the id that unwraps to errFull", err)
	}
	if want := "set session:[session id]: out of memory"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if _, _, err := s.Load(t.Context(), "secret-id"); err != nil {
		t.Errorf("Load of a missing session = %v; want no error", err)
	}
}
