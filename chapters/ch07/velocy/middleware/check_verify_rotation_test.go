package middleware

import (
	crand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rotationSigner returns NewSigner(keys...), or stops the test.
func rotationSigner(t *testing.T, keys ...[]byte) *Signer {
	t.Helper()
	s, err := NewSigner(keys...)
	if err != nil || s == nil {
		t.Fatalf("NewSigner(%d keys) = %v, %v", len(keys), s, err)
	}
	return s
}

func rotationKey() []byte {
	k := make([]byte, MinKeyLen)
	crand.Read(k)
	return k
}

func TestVerifyRotationAcceptsEveryKey(t *testing.T) {
	oldKey, newKey := rotationKey(), rotationKey()
	before := rotationSigner(t, oldKey)
	during := rotationSigner(t, newKey, oldKey)
	after := rotationSigner(t, newKey)
	value := fmt.Sprint("v", rand.IntN(1e6))

	old := before.Sign("n", value)
	if got, err := during.Verify("n", old); err != nil || got != value {
		t.Errorf("NewSigner(new, old).Verify(a value signed with old) = %q, %v; want %q: accept a MAC made by any key", got, err, value)
	}
	if got, want := during.Sign("n", value), after.Sign("n", value); got != want {
		t.Errorf("NewSigner(new, old).Sign = %q, want %q: sign with the first key", got, want)
	}
	if _, err := after.Verify("n", old); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("NewSigner(new).Verify(a value signed with old) err = %v, want ErrInvalidSignature", err)
	}
}

func TestVerifyRotationSetCookie(t *testing.T) {
	s := rotationSigner(t, rotationKey())
	value := fmt.Sprintf("lang=fr; n=%d", rand.IntN(1e6))
	c := &http.Cookie{Name: "prefs", Value: value, Path: "/", HttpOnly: true}
	rec := httptest.NewRecorder()
	if err := s.SetCookie(rec, c); err != nil {
		t.Fatalf("SetCookie = %v, want nil", err)
	}
	if c.Value != value {
		t.Errorf("SetCookie changed the caller's cookie to %q: sign a copy", c.Value)
	}
	set := rec.Result().Cookies()
	if len(set) != 1 || set[0].Name != "prefs" || !set[0].HttpOnly || set[0].Path != "/" {
		t.Fatalf("SetCookie set %q, want one cookie prefs with its Path and HttpOnly", rec.Header().Values("Set-Cookie"))
	}
	if got, err := s.Verify("prefs", set[0].Value); err != nil || got != value {
		t.Errorf("the value SetCookie sent, verified = %q, %v; want %q", got, err, value)
	}

	for _, bad := range []*http.Cookie{
		{Name: "bad name", Value: "v"},
		{Name: "big", Value: strings.Repeat("x", 3100+rand.IntN(500))},
	} {
		rec := httptest.NewRecorder()
		if err := s.SetCookie(rec, bad); err == nil {
			t.Errorf("SetCookie(%q with %d bytes) = nil, want an error (invalid, or over 4096 bytes signed)", bad.Name, len(bad.Value))
		}
		if h := rec.Header().Values("Set-Cookie"); len(h) != 0 {
			t.Errorf("SetCookie(%q) refused the cookie but still set %d bytes of it", bad.Name, len(h[0]))
		}
	}
}

func TestVerifyRotationCookie(t *testing.T) {
	s := rotationSigner(t, rotationKey())
	value := fmt.Sprint("ada", rand.IntN(1e6))
	good := &http.Cookie{Name: "who", Value: s.Sign("who", value)}
	forged := &http.Cookie{Name: "who", Value: s.Sign("other", "admin")}

	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(forged)
	req.AddCookie(good)
	if got, err := s.Cookie(req, "who"); err != nil || got != value {
		t.Errorf("Cookie with a forged cookie sent first = %q, %v; want %q: try every cookie of the name", got, err, value)
	}
	req = httptest.NewRequest("GET", "/", nil)
	req.AddCookie(forged)
	if got, err := s.Cookie(req, "who"); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("Cookie with only a forged cookie = %q, %v; want ErrInvalidSignature", got, err)
	}
	if _, err := s.Cookie(httptest.NewRequest("GET", "/", nil), "who"); !errors.Is(err, http.ErrNoCookie) {
		t.Errorf("Cookie without the cookie err = %v, want http.ErrNoCookie", err)
	}
}

// TestVerifyRotationThroughAClient sets and reads a signed cookie through
// a real server and a client with a cookie jar.
func TestVerifyRotationThroughAClient(t *testing.T) {
	s := rotationSigner(t, rotationKey())
	mux := http.NewServeMux()
	mux.HandleFunc("/set", func(w http.ResponseWriter, r *http.Request) {
		if err := s.SetCookie(w, &http.Cookie{Name: "who", Value: r.FormValue("v"), Path: "/"}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	mux.HandleFunc("/get", func(w http.ResponseWriter, r *http.Request) {
		v, err := s.Cookie(r, "who")
		if err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		io.WriteString(w, v)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	get := func(path string) (int, string) {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	want := fmt.Sprint("ada", rand.IntN(1e6))
	get("/set?v=" + url.QueryEscape(want))
	if code, body := get("/get"); code != 200 || body != want {
		t.Errorf("GET /set?v=%s then GET /get = %d %q, want 200 %q", want, code, body, want)
	}
}
