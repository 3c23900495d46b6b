package suite

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serveNotes sends one request to h in memory and returns the recorded answer.
func serveNotes(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
	return rec
}

func TestNotesHandler(t *testing.T) {
	h := NewNotes().Handler()

	rec := serveNotes(h, "POST", "/notes", "  buy milk ")
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /notes: status %d, want 201; body %q", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("POST /notes: Content-Type %q, want application/json", ct)
	}
	var created struct {
		ID   int
		Text string
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
		t.Fatalf("POST /notes: body %q is not JSON: %v", rec.Body, err)
	}
	if loc, want := rec.Header().Get("Location"), "/notes/1"; created.ID != 1 || loc != want {
		t.Errorf("POST /notes: id %d, Location %q; want 1, %q", created.ID, loc, want)
	}

	rec = serveNotes(h, "GET", "/notes/1", "")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /notes/1: status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var got struct {
		ID   int
		Text string
	}
	json.Unmarshal(rec.Body.Bytes(), &got)
	if got.ID != 1 || got.Text != "  buy milk " {
		t.Errorf("GET /notes/1 = %+v, want the note as posted", got)
	}

	for _, tc := range []struct {
		name, method, target, body string
		want                       int
	}{
		{"blank note", "POST", "/notes", " \n\t", http.StatusBadRequest},
		{"longest note", "POST", "/notes", strings.Repeat("a", MaxNote), http.StatusCreated},
		{"note one byte too long", "POST", "/notes", strings.Repeat("a", MaxNote+1), http.StatusRequestEntityTooLarge},
		{"no such note", "GET", "/notes/99", "", http.StatusNotFound},
		{"id not a number", "GET", "/notes/abc", "", http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if rec := serveNotes(h, tc.method, tc.target, tc.body); rec.Code != tc.want {
				t.Errorf("%s %s: status %d, want %d", tc.method, tc.target, rec.Code, tc.want)
			}
		})
	}
}
