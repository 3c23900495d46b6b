package httpcache

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// freshReq returns a request with method and the Cache-Control line cc.
func freshReq(method, cc string) *http.Request {
	r := httptest.NewRequest(method, "/", nil)
	if cc != "" {
		r.Header.Set("Cache-Control", cc)
	}
	return r
}

func TestLifetimeTable(t *testing.T) {
	now := time.Unix(1.7e9+rand.Int64N(1e8), 0).UTC()
	ma := 1 + rand.IntN(5000)
	sma := 1 + rand.IntN(5000)
	exp := 1 + rand.IntN(5000)
	heur := time.Duration(1+rand.IntN(500)) * time.Second
	mage := fmt.Sprintf("max-age=%d", ma)
	sec := func(n int) time.Duration { return time.Duration(n) * time.Second }
	date := now.Add(-time.Duration(rand.IntN(100)) * time.Second)
	tests := []struct {
		what   string
		req    *http.Request
		status int
		header http.Header
		life   time.Duration // 0: refused
	}{
		{"max-age", freshReq("GET", ""), 200, http.Header{"Cache-Control": {mage}}, sec(ma)},
		{"s-maxage wins over max-age", freshReq("GET", ""), 200, http.Header{"Cache-Control": {fmt.Sprintf("%s, s-maxage=%d", mage, sma)}}, sec(sma)},
		{"s-maxage=0 wins over max-age", freshReq("GET", ""), 200, http.Header{"Cache-Control": {mage + ", s-maxage=0"}}, 0},
		{"Expires minus Date", freshReq("GET", ""), 200, http.Header{"Date": {date.Format(http.TimeFormat)}, "Expires": {date.Add(sec(exp)).Format(http.TimeFormat)}}, sec(exp)},
		{"Expires minus now when no Date", freshReq("GET", ""), 200, http.Header{"Expires": {now.Add(sec(exp)).Format(http.TimeFormat)}}, sec(exp)},
		{"Expires that is not a date", freshReq("GET", ""), 200, http.Header{"Expires": {"0"}}, 0},
		{"max-age over Expires", freshReq("GET", ""), 200, http.Header{"Cache-Control": {mage}, "Expires": {"0"}}, sec(ma)},
		{"a 404 with max-age", freshReq("GET", ""), 404, http.Header{"Cache-Control": {mage}}, sec(ma)},
		{"a 500 with max-age", freshReq("GET", ""), 500, http.Header{"Cache-Control": {mage}}, sec(ma)},
		{"no lifetime, 200, heuristic", freshReq("GET", ""), 200, nil, heur},
		{"no lifetime, 410, heuristic", freshReq("GET", ""), 410, nil, heur},
		{"no lifetime, 302 is not cacheable by default", freshReq("GET", ""), 302, nil, 0},
		{"no lifetime, 500 is not cacheable by default", freshReq("GET", ""), 500, nil, 0},
		{"no-store", freshReq("GET", ""), 200, http.Header{"Cache-Control": {mage + ", no-store"}}, 0},
		{"private", freshReq("GET", ""), 200, http.Header{"Cache-Control": {"private, " + mage}}, 0},
		{"no-cache", freshReq("GET", ""), 200, http.Header{"Cache-Control": {"no-cache, " + mage}}, 0},
		{"206", freshReq("GET", ""), 206, http.Header{"Cache-Control": {mage}}, 0},
		{"304", freshReq("GET", ""), 304, http.Header{"Cache-Control": {mage}}, 0},
		{"POST", freshReq("POST", ""), 200, http.Header{"Cache-Control": {mage}}, 0},
		{"HEAD", freshReq("HEAD", ""), 200, http.Header{"Cache-Control": {mage}}, 0},
		{"request no-store", freshReq("GET", "no-store"), 200, http.Header{"Cache-Control": {mage}}, 0},
		{"max-age=0", freshReq("GET", ""), 200, http.Header{"Cache-Control": {"max-age=0"}}, 0},
	}
	for _, tt := range tests {
		life, ok := lifetime(tt.req, tt.status, tt.header, now, heur)
		if ok != (tt.life > 0) || life != tt.life {
			want := fmt.Sprintf("%v, true", tt.life)
			if tt.life == 0 {
				want = "refused (0, false)"
			}
			t.Errorf("%s: lifetime(%s, %d, %v) = %v, %v; want %s", tt.what, tt.req.Method, tt.status, tt.header, life, ok, want)
		}
	}
	if life, ok := lifetime(freshReq("GET", ""), 200, nil, now, 0); ok {
		t.Errorf("no lifetime, heuristic 0: lifetime = %v, true; want refused", life)
	}
}
