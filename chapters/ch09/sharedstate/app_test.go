package sharedstate

import (
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentRequests sends requests from many goroutines while the
// configuration changes: under go test -race (as CI runs it) it proves the
// application free of the races lesson 9.6 shows.
func TestConcurrentRequests(t *testing.T) {
	a := New(slog.New(slog.DiscardHandler), Config{Greeting: "Hello", Version: 1})
	h := a.Routes()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest("GET", fmt.Sprintf("/hello/u%d", j%5), nil))
				if !strings.Contains(w.Body.String(), fmt.Sprintf(", u%d!", j%5)) {
					t.Errorf("body %q", w.Body)
				}
				if i == 0 && j%10 == 0 {
					a.SetConfig(Config{Greeting: "Hi", Version: j})
				}
			}
		})
	}
	wg.Wait()
	if got := a.Hits(); got != 400 {
		t.Errorf("Hits() = %d, want 400", got)
	}
	for u := range 5 {
		if got := a.Visits(fmt.Sprintf("u%d", u)); got != 80 {
			t.Errorf("Visits(u%d) = %d, want 80", u, got)
		}
	}
}
