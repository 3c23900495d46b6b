package suite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRequireKey(t *testing.T) {
	reached := 0
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached++
		io.WriteString(w, "secret")
	})
	srv := httptest.NewServer(RequireKey("s3cret")(next))
	defer srv.Close()

	for _, tc := range []struct {
		name, auth  string
		want        int
		wantReached bool
	}{
		{"right key", "Bearer s3cret", http.StatusOK, true},
		{"no header", "", http.StatusUnauthorized, false},
		{"other scheme", "Basic s3cret", http.StatusUnauthorized, false},
		{"wrong key", "Bearer nope", http.StatusForbidden, false},
		{"prefix of the key", "Bearer s3c", http.StatusForbidden, false},
		{"empty key", "Bearer ", http.StatusUnauthorized, false}, // the server trims the space
	} {
		t.Run(tc.name, func(t *testing.T) {
			reached = 0
			req, _ := http.NewRequest("GET", srv.URL, nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Fatalf("Authorization %q: status %d, want %d", tc.auth, res.StatusCode, tc.want)
			}
			if got := reached == 1; got != tc.wantReached {
				t.Errorf("Authorization %q: next handler reached %d times (body %q)", tc.auth, reached, body)
			}
			if tc.want == http.StatusOK && string(body) != "secret" {
				t.Errorf("Authorization %q: body %q, want the next handler's", tc.auth, body)
			}
			if tc.want != http.StatusOK && res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Authorization %q: a refusal without Cache-Control: no-store", tc.auth)
			}
			if tc.want == http.StatusUnauthorized && res.Header.Get("WWW-Authenticate") != "Bearer" {
				t.Errorf("Authorization %q: 401 without WWW-Authenticate: Bearer", tc.auth)
			}
		})
	}
}
