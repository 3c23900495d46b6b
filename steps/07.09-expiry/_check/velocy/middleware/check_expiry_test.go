package middleware

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// expiryApp answers /login (sets user=ada) and /whoami.
func expiryApp() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		if s == nil {
			http.Error(w, "no session", http.StatusInternalServerError)
			return
		}
		if r.URL.Path == "/login" {
			s.Set("user", "ada")
			return
		}
		if u, ok := s.Get("user"); ok {
			io.WriteString(w, u)
			return
		}
		io.WriteString(w, "anonymous")
	})
}

// expiryWho returns the body of GET /whoami with cookie c.
func expiryWho(h http.Handler, c *http.Cookie) string {
	req := httptest.NewRequest("GET", "/whoami", nil)
	req.AddCookie(c)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.String()
}

// expiryLogin signs in through h and returns the session cookie.
func expiryLogin(t *testing.T, h http.Handler) *http.Cookie {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	for _, c := range rec.Result().Cookies() {
		if c.Name == "session" {
			return c
		}
	}
	t.Fatal("GET /login set no session cookie")
	return nil
}

// expiryStore is a store that never expires anything and counts Saves.
type expiryStore struct {
	mu     sync.Mutex
	data   map[string][]byte
	saves  int
	expiry time.Time
}

func (s *expiryStore) Load(_ context.Context, id string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.data[id]
	return d, ok, nil
}

func (s *expiryStore) Save(_ context.Context, id string, data []byte, exp time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[id] = append([]byte(nil), data...)
	s.saves++
	s.expiry = exp
	return nil
}

func (s *expiryStore) Delete(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.data, id)
	return nil
}

func TestExpiryIdleTimeoutExtends(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		idle := time.Duration(10+rand.IntN(50)) * time.Minute
		h := Sessions(SessionOptions{Store: NewMemoryStore(10), IdleTimeout: idle})(expiryApp())
		c := expiryLogin(t, h)
		gap := idle * 9 / 10
		for i := range 4 {
			time.Sleep(gap)
			if got := expiryWho(h, c); got != "ada" {
				t.Fatalf("IdleTimeout %v: request %d, %v after the one before, /whoami = %q, want \"ada\": an unchanged session must be saved again to extend its idle deadline", idle, i+1, gap, got)
			}
		}
		time.Sleep(idle)
		if got := expiryWho(h, c); got != "anonymous" {
			t.Errorf("IdleTimeout %v: after %v without a request, /whoami = %q, want \"anonymous\"", idle, idle, got)
		}
	})
}

func TestExpiryIdleTimeoutWithoutTheStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &expiryStore{data: map[string][]byte{}}
		idle := time.Duration(10+rand.IntN(50)) * time.Minute
		h := Sessions(SessionOptions{Store: store, IdleTimeout: idle})(expiryApp())
		c := expiryLogin(t, h)
		time.Sleep(idle - time.Second)
		if got := expiryWho(h, c); got != "ada" {
			t.Fatalf("1s before the idle timeout, /whoami = %q, want \"ada\"", got)
		}
		time.Sleep(idle)
		if got := expiryWho(h, c); got != "anonymous" {
			t.Errorf("idle for %v (IdleTimeout), in a store that never expires anything: /whoami = %q, want \"anonymous\": load must check the times itself", idle, got)
		}
		if len(store.data) != 0 {
			t.Errorf("the expired session is still in the store: delete it when load finds it expired")
		}
	})
}

func TestExpiryAbsoluteLifetime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &expiryStore{data: map[string][]byte{}}
		life := time.Duration(2+rand.IntN(5)) * time.Hour
		h := Sessions(SessionOptions{Store: store, IdleTimeout: 30 * time.Minute, Lifetime: life})(expiryApp())
		c := expiryLogin(t, h)
		if want := time.Now().Add(30 * time.Minute); !store.expiry.Equal(want) {
			t.Errorf("sign-in saved with expiry %v from now, want 30m (the idle deadline comes first)", store.expiry.Sub(time.Now()))
		}
		start := time.Now()
		for time.Since(start) < life-20*time.Minute {
			time.Sleep(20 * time.Minute)
			if got := expiryWho(h, c); got != "ada" {
				t.Fatalf("%v after sign-in (Lifetime %v), active every 20 minutes: /whoami = %q, want \"ada\"", time.Since(start), life, got)
			}
		}
		if left := start.Add(life).Sub(time.Now()); !store.expiry.Equal(start.Add(life)) && left < 30*time.Minute {
			t.Errorf("%v before the end of the lifetime, the store was given expiry %v from now; want the end of the lifetime, the earlier deadline", left, store.expiry.Sub(time.Now()))
		}
		time.Sleep(start.Add(life).Sub(time.Now()))
		if got := expiryWho(h, c); got != "anonymous" {
			t.Errorf("at the end of its Lifetime %v, active all along: /whoami = %q, want \"anonymous\"", life, got)
		}
	})
}

func TestExpiryUnchangedNotSavedEachTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &expiryStore{data: map[string][]byte{}}
		h := Sessions(SessionOptions{Store: store, IdleTimeout: 30 * time.Minute})(expiryApp())
		c := expiryLogin(t, h)
		n := 2 + rand.IntN(5)
		for range n {
			time.Sleep(20 * time.Second)
			expiryWho(h, c)
		}
		if store.saves != 1 {
			t.Errorf("sign-in, then %d unchanged reads within 3 minutes (a tenth of IdleTimeout): %d saves, want 1", n, store.saves)
		}
		time.Sleep(3 * time.Minute)
		expiryWho(h, c)
		if store.saves != 2 {
			t.Errorf("an unchanged read more than a tenth of IdleTimeout after the last save: %d saves in all, want 2 (one more, to extend the idle deadline)", store.saves)
		}
	})
}
