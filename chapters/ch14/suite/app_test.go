package suite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestApp(t *testing.T) {
	store, err := OpenStore(filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var hits Hits
	app := NewApp(store, "k3y", &hits)

	do := func(method, target, auth, body string) (int, string) {
		t.Helper()
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, req)
		b, _ := io.ReadAll(rec.Body)
		return rec.Code, string(b)
	}

	for _, tc := range []struct {
		name, method, target, auth, body string
		want                             int
		wantBody                         string
	}{
		{"missing key", "GET", "/kv/a", "", "", http.StatusNotFound, ""},
		{"put without a key", "PUT", "/kv/a", "", "1", http.StatusUnauthorized, ""},
		{"put with no key value", "PUT", "/kv/a", " ", "1", http.StatusForbidden, ""},
		{"put", "PUT", "/kv/a", "k3y", "hello", http.StatusNoContent, ""},
		{"get", "GET", "/kv/a", "", "", http.StatusOK, "hello"},
		{"other key still missing", "GET", "/kv/a%20", "", "", http.StatusNotFound, ""},
		{"longest value", "PUT", "/kv/b", "k3y", strings.Repeat("v", MaxValue), http.StatusNoContent, ""},
		{"value too long", "PUT", "/kv/c", "k3y", strings.Repeat("v", MaxValue+1), http.StatusRequestEntityTooLarge, ""},
		{"value the store refuses", "PUT", "/kv/d", "k3y", "two\nlines", http.StatusBadRequest, ""},
	} {
		code, body := do(tc.method, tc.target, tc.auth, tc.body)
		if code != tc.want || (tc.wantBody != "" && body != tc.wantBody) {
			t.Errorf("%s: %s %s = %d %q, want %d %q", tc.name, tc.method, tc.target, code, body, tc.want, tc.wantBody)
		}
	}
	if got := hits.Count("GET /kv/{key}"); got != 3 {
		t.Errorf("hits for GET /kv/{key} = %d, want 3 (%v)", got, hits.Snapshot())
	}
}
