package redisstore

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
)

// instance is one velocy server of the application: its own Redis client
// (as a separate process would have), the shared limiter and sessions.
func instance(t *testing.T, name, prefix string, p ratelimit.Policy) *httptest.Server {
	c := newClient(t)
	r := velocy.New()
	r.Use(middleware.Sessions(middleware.SessionOptions{
		Store: NewSessions(c, prefix+"session:"),
	}))
	limited := ratelimit.Middleware(ratelimit.Options{
		Backend:    NewLimiter(c, prefix+"rate:"),
		Policy:     p,
		FailClosed: true,
	})
	r.Handle(http.MethodGet, "/limited", limited(
		http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			io.WriteString(w, "served by "+name)
		})))
	r.Post("/login/{user}", func(w http.ResponseWriter, req *http.Request) {
		s := middleware.SessionFrom(req.Context())
		s.Renew()
		s.Set("user", req.PathValue("user"))
		s.Set("signed in at", name)
		w.WriteHeader(http.StatusNoContent)
	})
	r.Get("/me", func(w http.ResponseWriter, req *http.Request) {
		s := middleware.SessionFrom(req.Context())
		user, ok := s.Get("user")
		if !ok {
			http.Error(w, "sign in first", http.StatusUnauthorized)
			return
		}
		at, _ := s.Get("signed in at")
		fmt.Fprintf(w, "%s (signed in at %s, served by %s)", user, at, name)
	})
	r.Post("/logout", func(w http.ResponseWriter, req *http.Request) {
		middleware.SessionFrom(req.Context()).Destroy()
		w.WriteHeader(http.StatusNoContent)
	})
	// TLS, because the session cookie is Secure.
	srv := httptest.NewTLSServer(r)
	t.Cleanup(srv.Close)
	return srv
}

// TestTwoInstancesShareTheLimit: 20 requests at once, spread over two
// servers that share one Redis, against a limit of 3: exactly 3 pass.
func TestTwoInstancesShareTheLimit(t *testing.T) {
	prefix := testPrefix(t)
	p := ratelimit.Policy{Limit: 3, Period: time.Minute}
	servers := []*httptest.Server{instance(t, "A", prefix, p), instance(t, "B", prefix, p)}

	type result struct {
		server, status int
		retryAfter     string
		contentType    string
		problem        middleware.Problem
	}
	results := make([]result, 20)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			srv := servers[i%2]
			resp, err := srv.Client().Get(srv.URL + "/limited")
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			res := result{server: i % 2, status: resp.StatusCode,
				retryAfter: resp.Header.Get("Retry-After"), contentType: resp.Header.Get("Content-Type")}
			if resp.StatusCode == http.StatusTooManyRequests {
				if err := json.NewDecoder(resp.Body).Decode(&res.problem); err != nil {
					t.Errorf("429 body: %v", err)
				}
			}
			results[i] = res
		})
	}
	wg.Wait()

	var ok, refused int
	perServer := [2]int{}
	for _, res := range results {
		switch res.status {
		case http.StatusOK:
			ok++
			perServer[res.server]++
		case http.StatusTooManyRequests:
			refused++
			if n, err := strconv.Atoi(res.retryAfter); err != nil || n < 1 || n > 20 {
				t.Errorf("429 with Retry-After %q, want 1 to 20 seconds", res.retryAfter)
			}
			if res.contentType != "application/problem+json" || res.problem.Status != http.StatusTooManyRequests {
				t.Errorf("429 body %q %+v, want a problem with status 429", res.contentType, res.problem)
			}
		default:
			t.Errorf("status %d, want 200 or 429", res.status)
		}
	}
	if ok != 3 || refused != 17 {
		t.Fatalf("%d passed (A %d, B %d) and %d refused, want exactly 3 and 17", ok, perServer[0], perServer[1], refused)
	}
	t.Logf("3 passed: %d on A, %d on B", perServer[0], perServer[1])
}

// TestTwoInstancesShareTheSession: signed in on A, known on B; signed out
// on B, unknown on A.
func TestTwoInstancesShareTheSession(t *testing.T) {
	prefix := testPrefix(t)
	p := ratelimit.Policy{Limit: 3, Period: time.Minute}
	a, b := instance(t, "A", prefix, p), instance(t, "B", prefix, p)

	do := func(srv *httptest.Server, method, path string, cookie *http.Cookie) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		if cookie != nil {
			req.AddCookie(cookie)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}

	resp, _ := do(a, http.MethodPost, "/login/alice", nil)
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusNoContent || len(cookies) != 1 {
		t.Fatalf("login on A: %s with %d cookies", resp.Status, len(cookies))
	}
	cookie := cookies[0]

	resp, body := do(b, http.MethodGet, "/me", cookie)
	if want := "alice (signed in at A, served by B)"; resp.StatusCode != http.StatusOK || body != want {
		t.Fatalf("GET /me on B with A's cookie: %s %q, want 200 %q", resp.Status, body, want)
	}

	resp, _ = do(b, http.MethodPost, "/logout", cookie)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("logout on B: %s", resp.Status)
	}
	resp, _ = do(a, http.MethodGet, "/me", cookie)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("GET /me on A after logout on B: %s, want 401", resp.Status)
	}
}
