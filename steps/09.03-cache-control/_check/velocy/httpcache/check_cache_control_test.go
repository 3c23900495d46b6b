package httpcache

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"
)

// ccCase returns name in a random mix of upper and lower case.
func ccCase(name string) string {
	b := []byte(name)
	for i := range b {
		if rand.IntN(2) == 0 {
			b[i] = strings.ToUpper(string(b[i]))[0]
		}
	}
	return string(b)
}

func TestParseCacheControlRandom(t *testing.T) {
	for range 200 {
		want := directives{maxAge: -1, sMaxAge: -1}
		var parts []string
		if rand.IntN(2) == 0 {
			n := rand.IntN(100000)
			want.maxAge = time.Duration(n) * time.Second
			v := fmt.Sprint(n)
			if rand.IntN(4) == 0 {
				v = `"` + v + `"`
			}
			parts = append(parts, ccCase("max-age")+"="+v)
		}
		if rand.IntN(2) == 0 {
			n := rand.IntN(100000)
			want.sMaxAge = time.Duration(n) * time.Second
			parts = append(parts, ccCase("s-maxage")+"="+fmt.Sprint(n))
		}
		flags := []struct {
			name string
			set  *bool
		}{{"no-store", &want.noStore}, {"no-cache", &want.noCache}, {"private", &want.private}, {"public", &want.public}, {"must-revalidate", &want.mustRevalidate}}
		for _, f := range flags {
			if rand.IntN(3) == 0 {
				*f.set = true
				name := ccCase(f.name)
				if (f.name == "no-cache" || f.name == "private") && rand.IntN(2) == 0 {
					name += `="Set-Cookie, X-Max-Age=1"`
				}
				parts = append(parts, name)
			}
		}
		if rand.IntN(2) == 0 {
			parts = append(parts, `x-ext="max-age=1, s-maxage=2, no-store"`)
		}
		rand.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		h := http.Header{}
		for len(parts) > 0 {
			n := 1 + rand.IntN(len(parts))
			sep := []string{",", ", ", " , ", ",,"}[rand.IntN(4)]
			h.Add("Cache-Control", strings.Join(parts[:n], sep))
			parts = parts[n:]
		}
		if got := parseCacheControl(h); got != want {
			t.Fatalf("parseCacheControl(%q) =\n  %+v, want\n  %+v", h.Values("Cache-Control"), got, want)
		}
	}
}

func TestParseCacheControlEdges(t *testing.T) {
	n := 1 + rand.IntN(1000)
	tests := []struct {
		line string
		want directives
	}{
		{fmt.Sprintf("max-age=%d, max-age=%d", n, n+7), directives{maxAge: time.Duration(n) * time.Second, sMaxAge: -1}},
		{"max-age=soon", directives{maxAge: 0, sMaxAge: -1}},
		{"max-age=-30", directives{maxAge: 0, sMaxAge: -1}},
		{"max-age=99999999999999999999", directives{maxAge: maxDelta * time.Second, sMaxAge: -1}},
		{fmt.Sprintf("s-maxage=%d, no-store", n), directives{maxAge: -1, sMaxAge: time.Duration(n) * time.Second, noStore: true}},
	}
	for _, tt := range tests {
		h := http.Header{"Cache-Control": {tt.line}}
		if got := parseCacheControl(h); got != tt.want {
			t.Errorf("parseCacheControl(%q) = %+v, want %+v (the first of two counts; "+
				"a value that is not seconds is 0; more than 2^31 is 2^31)", tt.line, got, tt.want)
		}
	}
}
