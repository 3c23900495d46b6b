package httpcache_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/httpcache"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// TestSessionsNeverShared puts the cache and chapter 7's sessions on one
// velocy router, in both orders, in front of a page that (wrongly) says
// public, max-age=60 and starts a session. Two browsers must never get
// each other's session cookie.
func TestSessionsNeverShared(t *testing.T) {
	for _, cacheOutside := range []bool{true, false} {
		t.Run(fmt.Sprintf("cache outside sessions %v", cacheOutside), func(t *testing.T) {
			var calls atomic.Int64
			cache := httpcache.New(newExampleStore(), httpcache.Options{})
			sessions := middleware.Sessions(middleware.SessionOptions{Store: middleware.NewMemoryStore(10)})
			r := velocy.New()
			if cacheOutside {
				r.Use(cache, sessions)
			} else {
				r.Use(sessions, cache)
			}
			r.Get("/welcome", func(w http.ResponseWriter, req *http.Request) {
				n := calls.Add(1)
				middleware.SessionFrom(req.Context()).Set("seen", strconv.FormatInt(n, 10))
				w.Header().Set("Cache-Control", "public, max-age=60")
				io.WriteString(w, "welcome")
			})
			srv := httptest.NewTLSServer(r)
			defer srv.Close()

			cookies := map[string]bool{}
			for range 2 {
				jar, _ := cookiejar.New(nil)
				c := srv.Client()
				c.Jar = jar
				resp, err := c.Get(srv.URL + "/welcome")
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				for _, ck := range resp.Cookies() {
					if cookies[ck.Value] {
						t.Fatalf("two browsers got the session cookie %s", ck.Value)
					}
					cookies[ck.Value] = true
				}
			}
			// Outside, the cache sees the handler's Set-Cookie and stores
			// nothing. Inside, the cookie is added after the cache decided:
			// the page is stored without it, and the second browser gets
			// the page and no session at all (the handler did not run),
			// which is safe, and is why the cache belongs outside.
			want := map[bool]int{true: 2, false: 1}[cacheOutside]
			if len(cookies) != want || calls.Load() != int64(want) {
				t.Errorf("%d distinct session cookies and %d handler calls for two browsers, want %d", len(cookies), calls.Load(), want)
			}
		})
	}
}
