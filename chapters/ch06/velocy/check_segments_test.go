package velocy

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// segmentsText prints segments the way the messages show them:
// [static "users" static ""].
func segmentsText(segs []segment) string {
	kinds := map[segmentKind]string{segStatic: "static", segParam: "param", segCatchAll: "catch-all"}
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = fmt.Sprintf("%s %q", kinds[s.kind], s.text)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func segmentsStatic(texts ...string) []segment {
	segs := make([]segment, len(texts))
	for i, s := range texts {
		segs[i] = segment{kind: segStatic, text: s}
	}
	return segs
}

func TestParsePatternLiteral(t *testing.T) {
	tests := []struct {
		give string
		want []segment
	}{
		{"/", segmentsStatic("")},
		{"/users", segmentsStatic("users")},
		{"/users/", segmentsStatic("users", "")},
		{"/users/new", segmentsStatic("users", "new")},
		{"/a:b/*/x.json", segmentsStatic("a:b", "*", "x.json")},
		{"/café/menu", segmentsStatic("café", "menu")},
		{"/a+b/..x/x..", segmentsStatic("a+b", "..x", "x..")},
	}
	for _, tt := range tests {
		got, err := parsePattern("GET", tt.give)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parsePattern(%q) = %s, %v, want %s, nil", tt.give, segmentsText(got), err, segmentsText(tt.want))
		}
	}
}

func TestParsePatternLiteralErrors(t *testing.T) {
	tests := []struct {
		give string
		want string
	}{
		{"", `velocy: GET "": at offset 0: pattern must begin with '/'`},
		{"users", `velocy: GET "users": at offset 0: pattern must begin with '/'`},
		{"example.com/users", `velocy: GET "example.com/users": at offset 0: pattern must begin with '/'`},
		{"GET /users", `velocy: GET "GET /users": at offset 0: pattern starts with a method; pass "GET" as the method argument instead`},
		{"DELETE /users/1", `velocy: GET "DELETE /users/1": at offset 0: pattern starts with a method; pass "DELETE" as the method argument instead`},
		{"/a//b", `velocy: GET "/a//b": at offset 3: empty segment ("//")`},
		{"//", `velocy: GET "//": at offset 1: empty segment ("//")`},
		{"/a b", `velocy: GET "/a b": at offset 2: invalid character ' '`},
		{"/a\tb", `velocy: GET "/a\tb": at offset 2: invalid character '\t'`},
		{"/a\x7f", `velocy: GET "/a\x7f": at offset 2: invalid character '\x7f'`},
		{"/users/\n", `velocy: GET "/users/\n": at offset 7: invalid character '\n'`},
		{"/search?q=go", `velocy: GET "/search?q=go": at offset 7: invalid character '?': a pattern matches the path only, not the query or fragment`},
		{"/page#top", `velocy: GET "/page#top": at offset 5: invalid character '#': a pattern matches the path only, not the query or fragment`},
		{"/a/../b", `velocy: GET "/a/../b": at offset 3: dot segment "..": clients resolve these before sending a path, so no request would match`},
		{"/.", `velocy: GET "/.": at offset 1: dot segment ".": clients resolve these before sending a path, so no request would match`},
	}
	for _, tt := range tests {
		segs, err := parsePattern("GET", tt.give)
		if err == nil {
			t.Errorf("parsePattern(%q) = %s, nil, want the error %q", tt.give, segmentsText(segs), tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("parsePattern(%q) error = %q, want %q", tt.give, err, tt.want)
		}
		var pe *PatternError
		if !errors.As(err, &pe) || pe.Method != "GET" || pe.Pattern != tt.give {
			t.Errorf("parsePattern(%q) error = %#v, want a *PatternError with Method \"GET\" and Pattern %q", tt.give, err, tt.give)
		}
	}
}

// segmentsRandom returns 1 to 5 random segments that every later lesson
// still reads as literals: no braces, no '%', no dot segments.
func segmentsRandom() []string {
	const chars = "abcxyzABC019-_.~:@!$&'()*+,;="
	segs := make([]string, 1+rand.IntN(5))
	for i := range segs {
		for segs[i] == "" || segs[i] == "." || segs[i] == ".." {
			b := make([]byte, 1+rand.IntN(6))
			for j := range b {
				b[j] = chars[rand.IntN(len(chars))]
			}
			segs[i] = string(b)
		}
	}
	return segs
}

func TestParsePatternRandom(t *testing.T) {
	for range 50 {
		texts := segmentsRandom()
		if rand.IntN(3) == 0 {
			texts = append(texts, "") // a trailing slash
		}
		pattern := "/" + strings.Join(texts, "/")
		got, err := parsePattern("GET", pattern)
		if want := segmentsStatic(texts...); err != nil || !slices.Equal(got, want) {
			t.Fatalf("parsePattern(%q) = %s, %v, want %s, nil", pattern, segmentsText(got), err, segmentsText(want))
		}
	}
	for range 50 {
		pattern := "/" + strings.Join(segmentsRandom(), "/")
		at := 1 + rand.IntN(len(pattern)-1)
		bad := " \t\x7f?#"[rand.IntN(5)]
		pattern = pattern[:at] + string(bad) + pattern[at:]
		want := fmt.Sprintf("velocy: GET %q: at offset %d: invalid character %q", pattern, at, bad)
		if bad == '?' || bad == '#' {
			want += ": a pattern matches the path only, not the query or fragment"
		}
		if _, err := parsePattern("GET", pattern); err == nil || err.Error() != want {
			t.Fatalf("parsePattern(%q) error = %v, want %q", pattern, err, want)
		}
	}
}

func TestHandleChecksPatterns(t *testing.T) {
	for _, tt := range []struct{ pattern, want string }{
		{"users", `velocy: GET "users": at offset 0: pattern must begin with '/'`},
		{"/a//b", `velocy: GET "/a//b": at offset 3: empty segment ("//")`},
	} {
		func() {
			defer func() {
				v := recover()
				if got := fmt.Sprint(v); v == nil {
					t.Errorf("Handle(\"GET\", %q, h) does not panic, want a panic with %q: handle must call parsePattern before storing the route", tt.pattern, tt.want)
				} else if got != tt.want {
					t.Errorf("Handle(\"GET\", %q, h) panics with %q, want %q", tt.pattern, got, tt.want)
				}
			}()
			New().Handle("GET", tt.pattern, http.NotFoundHandler())
		}()
	}
}
