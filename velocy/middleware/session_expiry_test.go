// The tests of sessions over time and of a store that misbehaves: expiry,
// saves, failures, corrupt records.

package middleware

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestSessionsIdleTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := Sessions(SessionOptions{Store: NewMemoryStore(10), IdleTimeout: 30 * time.Minute})(sessApp())
		c := sessSetCookie(sessServe(h, "/login?user=ada"), "session")
		// Each request within the idle timeout pushes the deadline back.
		for range 5 {
			time.Sleep(29 * time.Minute)
			if body := sessServe(h, "/whoami", c).Body.String(); body != "ada" {
				t.Fatalf("29 minutes after the last request: /whoami = %q, want \"ada\"", body)
			}
		}
		time.Sleep(30 * time.Minute)
		rec := sessServe(h, "/whoami", c)
		if body := rec.Body.String(); body != "anonymous" {
			t.Errorf("30 idle minutes later: /whoami = %q, want \"anonymous\"", body)
		}
		if cleared := sessSetCookie(rec, "session"); cleared == nil || cleared.MaxAge >= 0 {
			t.Errorf("the expired session's cookie was not cleared: %v", cleared)
		}
	})
}

func TestSessionsAbsoluteLifetime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := Sessions(SessionOptions{
			Store: NewMemoryStore(10), IdleTimeout: 30 * time.Minute, Lifetime: 2 * time.Hour,
		})(sessApp())
		c := sessSetCookie(sessServe(h, "/login?user=ada"), "session")
		for range 5 {
			time.Sleep(20 * time.Minute)
			if body := sessServe(h, "/whoami", c).Body.String(); body != "ada" {
				t.Fatalf("active session, within its lifetime: /whoami = %q", body)
			}
		}
		time.Sleep(20*time.Minute - time.Nanosecond)
		if body := sessServe(h, "/whoami", c).Body.String(); body != "ada" {
			t.Fatalf("1ns before the end of its lifetime: /whoami = %q", body)
		}
		time.Sleep(time.Nanosecond)
		if body := sessServe(h, "/whoami", c).Body.String(); body != "anonymous" {
			t.Errorf("at the end of its lifetime, active all along: /whoami = %q, want \"anonymous\"", body)
		}
	})
}

func TestSessionsLifetimeBeatsLaxStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &sessLaxStore{data: map[string][]byte{}}
		h := Sessions(SessionOptions{Store: store, IdleTimeout: time.Minute})(sessApp())
		c := sessSetCookie(sessServe(h, "/login?user=ada"), "session")
		time.Sleep(time.Minute)
		if body := sessServe(h, "/whoami", c).Body.String(); body != "anonymous" {
			t.Errorf("idle past the timeout, in a store that ignores expiry: /whoami = %q", body)
		}
		if len(store.data) != 0 {
			t.Errorf("the expired session was not deleted from the store")
		}
	})
}

type sessLaxStore struct {
	mu   sync.Mutex
	data map[string][]byte
}

func (s *sessLaxStore) Load(_ context.Context, id string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.data[id]
	return d, ok, nil
}

func (s *sessLaxStore) Save(_ context.Context, id string, data []byte, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[id] = append([]byte(nil), data...)
	return nil
}

func (s *sessLaxStore) Delete(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.data, id)
	return nil
}

type sessCountingStore struct {
	Store
	saves              atomic.Int32
	failLoad, failSave atomic.Bool
	lastExpiry         atomic.Int64
}

func (s *sessCountingStore) Load(ctx context.Context, id string) ([]byte, bool, error) {
	if s.failLoad.Load() {
		return nil, false, errors.New("redis: connection refused to 10.0.0.7:6379")
	}
	return s.Store.Load(ctx, id)
}

func (s *sessCountingStore) Save(ctx context.Context, id string, data []byte, exp time.Time) error {
	if s.failSave.Load() {
		return errors.New("redis: connection refused to 10.0.0.7:6379")
	}
	s.saves.Add(1)
	s.lastExpiry.Store(exp.UnixNano())
	return s.Store.Save(ctx, id, data, exp)
}

func TestSessionsUnmodifiedNotResaved(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &sessCountingStore{Store: NewMemoryStore(10)}
		h := Sessions(SessionOptions{Store: store, IdleTimeout: 30 * time.Minute})(sessApp())
		c := sessSetCookie(sessServe(h, "/login?user=ada"), "session")
		if n := store.saves.Load(); n != 1 {
			t.Fatalf("sign-in saved %d times, want 1", n)
		}
		for range 5 {
			time.Sleep(30 * time.Second)
			sessServe(h, "/whoami", c)
		}
		if n := store.saves.Load(); n != 1 {
			t.Errorf("5 reads within a tenth of the idle timeout saved %d times, want no save", n-1)
		}
		time.Sleep(31 * time.Second) // 3m01s since the save
		sessServe(h, "/whoami", c)
		if n := store.saves.Load(); n != 2 {
			t.Errorf("a read after a tenth of the idle timeout saved %d times, want 1 (to extend it)", n-1)
		}
		if want := time.Now().Add(30 * time.Minute).UnixNano(); store.lastExpiry.Load() != want {
			t.Errorf("the extending save set expiry %v, want now+30m", time.Unix(0, store.lastExpiry.Load()))
		}
		sessServe(h, "/set?k=a&v=b", c)
		if n := store.saves.Load(); n != 3 {
			t.Errorf("a change right after a save was not saved (saves %d, want 3)", n)
		}
	})
}

func TestSessionsLoadErrorIs500(t *testing.T) {
	var logs bytes.Buffer
	store := &sessCountingStore{Store: NewMemoryStore(10)}
	var ran atomic.Bool
	h := Sessions(SessionOptions{Store: store, Logger: slog.New(slog.NewTextHandler(&logs, nil))})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ran.Store(true)
			SessionFrom(r.Context()).Set("a", "b")
		}))
	c := sessSetCookie(sessServe(h, "/"), "session")
	ran.Store(false)
	store.failLoad.Store(true)
	rec := sessServe(h, "/", c)
	if rec.Code != 500 || ran.Load() {
		t.Errorf("store down: status %d, handler ran %v; want 500 without the handler", rec.Code, ran.Load())
	}
	if strings.Contains(rec.Body.String(), "redis") || strings.Contains(rec.Body.String(), "10.0.0.7") {
		t.Errorf("the 500 leaks the store error: %q", rec.Body.String())
	}
	if !strings.Contains(logs.String(), "10.0.0.7") {
		t.Errorf("the store error was not logged: %q", logs.String())
	}
	// No cookie at all: nothing to load, no store call, no 500.
	if rec := sessServe(h, "/"); rec.Code != 200 {
		t.Errorf("store down, request without a cookie: status %d, want 200", rec.Code)
	}
}

func TestSessionsSaveErrorLogged(t *testing.T) {
	var logs bytes.Buffer
	store := &sessCountingStore{Store: NewMemoryStore(10)}
	store.failSave.Store(true)
	h := Sessions(SessionOptions{Store: store, Logger: slog.New(slog.NewTextHandler(&logs, nil))})(sessApp())
	rec := sessServe(h, "/login?user=ada")
	if rec.Code != 200 || rec.Body.String() != "welcome" {
		t.Errorf("save failed: response %d %q, want the handler's 200 \"welcome\"", rec.Code, rec.Body.String())
	}
	if line := rec.Header().Get("Set-Cookie"); line != "" {
		t.Errorf("save failed but the cookie was set: %q", line)
	}
	if !strings.Contains(logs.String(), "save failed") || strings.Count(logs.String(), "\n") != 1 {
		t.Errorf("want one log line about the failed save, got %q", logs.String())
	}
}

func TestSessionsCorruptRecord(t *testing.T) {
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store, Logger: slog.New(slog.DiscardHandler)})(sessApp())
	id := newSessionID()
	for _, data := range []string{"", "{", "null", `{"values":{"user":"root"}}`, `{"created":"x"}`} {
		store.Save(context.Background(), id, []byte(data), time.Now().Add(time.Hour))
		if body := sessServe(h, "/whoami", &http.Cookie{Name: "session", Value: id}).Body.String(); body != "anonymous" {
			t.Errorf("record %q: /whoami = %q, want \"anonymous\"", data, body)
		}
	}
}

func FuzzDecodeSessionRecord(f *testing.F) {
	f.Add([]byte(`{"created":1,"saved":2,"values":{"a":"b"}}`))
	f.Add([]byte(`{"created":1,"saved":2}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := decodeSessionRecord(data)
		if err != nil {
			return
		}
		if rec.Created == 0 || rec.Saved == 0 {
			t.Fatalf("decodeSessionRecord(%q) accepted a record without times", data)
		}
	})
}
