package bookweb

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// sessionsMe asks GET /me with client and returns the learner id it answers.
func sessionsMe(t *testing.T, client *http.Client, url string) string {
	t.Helper()
	resp, err := client.Get(url + "/me")
	if err != nil {
		t.Fatalf("GET /me: %v", err)
	}
	defer resp.Body.Close()
	var me struct{ Learner string }
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&me) != nil {
		t.Fatalf(`GET /me = %d, want 200 with {"learner": "..."}`, resp.StatusCode)
	}
	return me.Learner
}

func TestSessionsKeepALearner(t *testing.T) {
	dir, _ := loadBookDir(t, 1)
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(b, Options{Logger: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	jar1, _ := cookiejar.New(nil)
	jar2, _ := cookiejar.New(nil)
	one, two := &http.Client{Jar: jar1}, &http.Client{Jar: jar2}
	first := sessionsMe(t, one, srv.URL)
	if first == "" {
		t.Fatal("GET /me answered no learner: learner(r) must find or make one in the session")
	}
	if again := sessionsMe(t, one, srv.URL); again != first {
		t.Errorf("a second GET /me with the same cookies = %q, want %q (the id is kept in the session)", again, first)
	}
	if other := sessionsMe(t, two, srv.URL); other == first || other == "" {
		t.Errorf("GET /me from another browser = %q, want a new id, not %q", other, first)
	}
	if _, err := progressID(first, "15.06-sessions"); err != nil {
		t.Errorf("the learner id %q cannot key progress: %v", first, err)
	}
}

func TestLearnerNeedsASession(t *testing.T) {
	if got := learner(httptest.NewRequest("GET", "/", nil)); got != "" {
		t.Errorf("learner of a request without a session = %q, want \"\"", got)
	}
	var got string
	h := middleware.Sessions(middleware.SessionOptions{Store: middleware.NewMemoryStore(10), Insecure: true})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = learner(r) }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if got == "" || len(w.Result().Cookies()) != 1 {
		t.Errorf("learner inside Sessions = %q with %d cookies set, want an id, stored (one cookie)", got, len(w.Result().Cookies()))
	}
}
