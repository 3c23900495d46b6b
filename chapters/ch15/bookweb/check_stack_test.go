package bookweb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// stackRecords decodes the JSON records a slog.JSONHandler wrote.
func stackRecords(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(buf.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, rec)
	}
	return out
}

func TestStackLogsEveryRequest(t *testing.T) {
	dir, idx := loadBookDir(t, 1+rand.IntN(3))
	b, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v (step 15.01 must pass first)", err)
	}
	var buf bytes.Buffer
	h := New(b, Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	page := idx.Pages[1+rand.IntN(len(idx.Pages)-1)]
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/"+page.URL, nil))
	id := w.Header().Get("X-Request-Id")
	if w.Code != http.StatusOK || id == "" {
		t.Fatalf("GET /%s = %d with X-Request-Id %q; want 200 and an id (New must r.Use(stack(logger)...))", page.URL, w.Code, id)
	}
	recs := stackRecords(t, &buf)
	if len(recs) != 1 || recs[0]["msg"] != "request" || recs[0]["path"] != "/"+page.URL ||
		recs[0]["status"] != 200.0 || recs[0]["request_id"] != id {
		t.Errorf("the log after GET /%s =\n%s\nwant one access record with path /%s, status 200 and request_id %q "+
			"(RequestID must be outside AccessLog)", page.URL, buf.String(), page.URL, id)
	}
}

func TestStackRecoversAndLogsPanics(t *testing.T) {
	var buf bytes.Buffer
	mws := stack(slog.New(slog.NewJSONHandler(&buf, nil)))
	if len(mws) == 0 {
		t.Fatal("stack(logger) returned no middleware; want RequestID, AccessLog and Recover")
	}
	why := fmt.Sprintf("boom %d", rand.IntN(1000))
	var h http.Handler = http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(why) })
	for i := len(mws) - 1; i >= 0; i-- { // the first is the outermost
		h = mws[i](h)
	}
	w := httptest.NewRecorder()
	func() {
		defer func() {
			if v := recover(); v != nil {
				t.Fatalf("the panic %v went through the stack: Recover must be in it", v)
			}
		}()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/x", nil))
	}()
	if w.Code != http.StatusInternalServerError {
		t.Errorf("a handler that panics: status %d, want 500", w.Code)
	}
	var access map[string]any
	for _, rec := range stackRecords(t, &buf) {
		if rec["msg"] == "request" {
			access = rec
		}
	}
	if access == nil || access["status"] != 500.0 || access["level"] != "ERROR" {
		t.Errorf("the log after a panic =\n%s\nwant an access record with status 500 at level ERROR "+
			"(Recover must be inside AccessLog, so the log sees the 500 it writes)", buf.String())
	}
	if !strings.Contains(buf.String(), why) {
		t.Errorf("the log after a panic =\n%s\nwant the panic's value %q in it", buf.String(), why)
	}
}
