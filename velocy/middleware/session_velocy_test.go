package middleware_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// TestSessionsWithVelocy signs in and out through velocy's router, with
// the session middleware added by Router.Use and a real client.
func TestSessionsWithVelocy(t *testing.T) {
	store := middleware.NewMemoryStore(10)
	r := velocy.New()
	r.Use(middleware.Sessions(middleware.SessionOptions{Store: store}))
	r.Post("/login/{user}", func(w http.ResponseWriter, req *http.Request) {
		s := middleware.SessionFrom(req.Context())
		s.Renew()
		s.Set("user", req.PathValue("user"))
		w.WriteHeader(http.StatusNoContent)
	})
	r.Post("/logout", func(w http.ResponseWriter, req *http.Request) {
		middleware.SessionFrom(req.Context()).Destroy()
		http.Redirect(w, req, "/me", http.StatusSeeOther)
	})
	r.Get("/me", func(w http.ResponseWriter, req *http.Request) {
		user, ok := middleware.SessionFrom(req.Context()).Get("user")
		if !ok {
			http.Error(w, "sign in first", http.StatusUnauthorized)
			return
		}
		io.WriteString(w, user)
	})
	srv := httptest.NewTLSServer(r)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Transport: srv.Client().Transport, Jar: jar, Timeout: 10 * time.Second}

	do := func(method, path string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := do("GET", "/me"); code != http.StatusUnauthorized {
		t.Errorf("GET /me before sign-in = %d, want 401", code)
	}
	if code, _ := do("POST", "/login/ada"); code != http.StatusNoContent {
		t.Errorf("POST /login/ada = %d, want 204", code)
	}
	if code, body := do("GET", "/me"); code != 200 || body != "ada" {
		t.Errorf("GET /me after sign-in = %d %q, want 200 \"ada\"", code, body)
	}
	// The redirect after sign-out lands on /me without the session.
	if code, _ := do("POST", "/logout"); code != http.StatusUnauthorized {
		t.Errorf("POST /logout, following its redirect to /me = %d, want 401", code)
	}
	if store.Len() != 0 {
		t.Errorf("after sign-out the store holds %d sessions", store.Len())
	}
}
