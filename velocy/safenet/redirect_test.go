package safenet

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRedirect(t *testing.T) {
	cases := []struct {
		target, fallback string
		code             int
		wantLoc          string
		wantCode         int
	}{
		{"/account?tab=keys", "/home", 0, "/account?tab=keys", http.StatusSeeOther},
		{"//evil.example", "/home", http.StatusFound, "/home", http.StatusFound},
		{"/\\evil.example", "/home", 0, "/home", http.StatusSeeOther},
		{"https://evil.example", "//evil.example", 0, "/", http.StatusSeeOther},
		{"/a/b/../c/", "/home", 200, "/home", http.StatusSeeOther},
		{"/x/./y", "/home", 0, "/home", http.StatusSeeOther},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		Redirect(rec, httptest.NewRequest("GET", "/login/form", nil), c.target, c.fallback, c.code)
		if loc := rec.Header().Get("Location"); loc != c.wantLoc || rec.Code != c.wantCode {
			t.Errorf("Redirect(%q, %q, %d): %d Location %q, want %d %q", c.target, c.fallback, c.code, rec.Code, loc, c.wantCode, c.wantLoc)
		}
	}
}
