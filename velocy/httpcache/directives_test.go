package httpcache

import (
	"net/http"
	"testing"
	"time"
)

func TestParseCacheControl(t *testing.T) {
	const absent = -1
	tests := []struct {
		lines []string
		want  directives
	}{
		{nil, directives{maxAge: absent, sMaxAge: absent}},
		{[]string{"max-age=60"}, directives{maxAge: time.Minute, sMaxAge: absent}},
		{[]string{"Max-Age=60, S-MAXAGE=5"}, directives{maxAge: time.Minute, sMaxAge: 5 * time.Second}},
		{[]string{`max-age="30"`}, directives{maxAge: 30 * time.Second, sMaxAge: absent}},
		{[]string{"max-age=10", "max-age=20"}, directives{maxAge: 10 * time.Second, sMaxAge: absent}},
		{[]string{"max-age=ten"}, directives{maxAge: 0, sMaxAge: absent}},
		{[]string{"max-age=-5"}, directives{maxAge: 0, sMaxAge: absent}},
		{[]string{"max-age"}, directives{maxAge: 0, sMaxAge: absent}},
		{[]string{"max-age=99999999999999999999"}, directives{maxAge: maxDelta * time.Second, sMaxAge: absent}},
		{[]string{"public, no-store"}, directives{maxAge: absent, sMaxAge: absent, public: true, noStore: true}},
		{[]string{`private="Set-Cookie, X-Id", max-age=3`}, directives{maxAge: 3 * time.Second, sMaxAge: absent, private: true}},
		{[]string{`no-cache="a\"b,c", must-revalidate`}, directives{maxAge: absent, sMaxAge: absent, noCache: true, mustRevalidate: true}},
		{[]string{" ,, no-cache ,"}, directives{maxAge: absent, sMaxAge: absent, noCache: true}},
		{[]string{"community=UCI, max-age=1"}, directives{maxAge: time.Second, sMaxAge: absent}},
		{[]string{`x="unclosed, max-age=1`}, directives{maxAge: absent, sMaxAge: absent}},
	}
	for _, tt := range tests {
		h := http.Header{"Cache-Control": tt.lines}
		if got := parseCacheControl(h); got != tt.want {
			t.Errorf("parseCacheControl(%q) = %+v, want %+v", tt.lines, got, tt.want)
		}
	}
}

func FuzzParseCacheControl(f *testing.F) {
	for _, s := range []string{"max-age=1, s-maxage=2", `private="a,b"`, `no-cache="\`, "=,=", `x="`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := parseCacheControl(http.Header{"Cache-Control": {s}})
		if d.maxAge < -1 || d.sMaxAge < -1 || d.maxAge > maxDelta*time.Second {
			t.Fatalf("parseCacheControl(%q) = %+v", s, d)
		}
	})
}
