package velocy

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func lit(s string) segment   { return segment{kind: segStatic, text: s} }
func wild(s string) segment  { return segment{kind: segParam, text: s} }
func multi(s string) segment { return segment{kind: segCatchAll, text: s} }

// parsePatternTests are valid patterns with their segments. The fuzz test
// seeds from them too.
var parsePatternTests = []struct {
	give string
	want []segment
}{
	{"/", []segment{lit("")}},
	{"/users", []segment{lit("users")}},
	{"/users/", []segment{lit("users"), lit("")}},
	{"/users/{id}", []segment{lit("users"), wild("id")}},
	{"/users/{id}/", []segment{lit("users"), wild("id"), lit("")}},
	{"/{a}/{b}", []segment{wild("a"), wild("b")}},
	{"/files/{path...}", []segment{lit("files"), multi("path")}},
	{"/{rest...}", []segment{multi("rest")}},
	{"/u/{userID}/posts", []segment{lit("u"), wild("userID"), lit("posts")}},
	{"/{_x1}", []segment{wild("_x1")}},
	{"/{ünï}", []segment{wild("ünï")}},
	{"/a%20b/c%2Fd", []segment{lit("a b"), lit("c/d")}},
	{"/caf%c3%a9", []segment{lit("café")}},
	{"/café", []segment{lit("café")}},
	{"/a+b", []segment{lit("a+b")}},
	{"/a:b/*/x.json", []segment{lit("a:b"), lit("*"), lit("x.json")}},
}

func TestParsePattern(t *testing.T) {
	for _, tt := range parsePatternTests {
		got, err := parsePattern("GET", tt.give)
		if err != nil {
			t.Errorf("parsePattern(%q) error = %v, want nil", tt.give, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("parsePattern(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

// patternErrorTests lists every problem a pattern can have, with the whole
// message Handle panics with. The fuzz test seeds from it too.
var patternErrorTests = []struct {
	give string
	want string
}{
	{"", `velocy: GET "": at offset 0: pattern must begin with '/'`},
	{"users", `velocy: GET "users": at offset 0: pattern must begin with '/'`},
	{"GET /users", `velocy: GET "GET /users": at offset 0: pattern starts with a method; pass "GET" as the method argument instead`},
	{"example.com/users", `velocy: GET "example.com/users": at offset 0: pattern must begin with '/'`},
	{"/a//b", `velocy: GET "/a//b": at offset 3: empty segment ("//")`},
	{"//", `velocy: GET "//": at offset 1: empty segment ("//")`},
	{"/a b", `velocy: GET "/a b": at offset 2: invalid character ' '`},
	{"/a\tb", `velocy: GET "/a\tb": at offset 2: invalid character '\t'`},
	{"/a\x7f", `velocy: GET "/a\x7f": at offset 2: invalid character '\x7f'`},
	{"/search?q={q}", `velocy: GET "/search?q={q}": at offset 7: invalid character '?': a pattern matches the path only, not the query or fragment`},
	{"/page#top", `velocy: GET "/page#top": at offset 5: invalid character '#': a pattern matches the path only, not the query or fragment`},
	{"/users/{id", `velocy: GET "/users/{id": at offset 10: wildcard has no closing '}'`},
	{"/users/{id}x", `velocy: GET "/users/{id}x": at offset 11: a wildcard must be a whole segment, like /{name}`},
	{"/users/x{id}", `velocy: GET "/users/x{id}": at offset 8: a wildcard must be a whole segment, like /{name}`},
	{"/users/id}", `velocy: GET "/users/id}": at offset 9: a wildcard must be a whole segment, like /{name}`},
	{"/{}", `velocy: GET "/{}": at offset 1: empty wildcard name`},
	{"/{...}", `velocy: GET "/{...}": at offset 1: empty wildcard name`},
	{"/{1id}", `velocy: GET "/{1id}": at offset 1: bad wildcard name "1id": use letters, digits and '_', not starting with a digit`},
	{"/{a-b}", `velocy: GET "/{a-b}": at offset 1: bad wildcard name "a-b": use letters, digits and '_', not starting with a digit`},
	{"/{a b}", `velocy: GET "/{a b}": at offset 3: invalid character ' '`},
	{"/{$}", `velocy: GET "/{$}": at offset 1: {$} is not supported: a velocy pattern already matches only the exact path (add a trailing slash for a path that ends in one)`},
	{"/files/{path...}/raw", `velocy: GET "/files/{path...}/raw": at offset 7: catch-all {path...} must be the last segment`},
	{"/files/{path...}/", `velocy: GET "/files/{path...}/": at offset 7: catch-all {path...} must be the last segment`},
	{"/a/{id}/b/{id}", `velocy: GET "/a/{id}/b/{id}": at offset 10: duplicate wildcard name "id"`},
	{"/a/{id}/{id...}", `velocy: GET "/a/{id}/{id...}": at offset 8: duplicate wildcard name "id"`},
	{"/a/../b", `velocy: GET "/a/../b": at offset 3: dot segment "..": clients resolve these before sending a path, so no request would match`},
	{"/.", `velocy: GET "/.": at offset 1: dot segment ".": clients resolve these before sending a path, so no request would match`},
	{"/a/%2E%2e", `velocy: GET "/a/%2E%2e": at offset 3: dot segment "%2E%2e": clients resolve these before sending a path, so no request would match`},
	{"/a%zz", `velocy: GET "/a%zz": at offset 2: malformed percent-escape "%zz"`},
	{"/a%2", `velocy: GET "/a%2": at offset 2: malformed percent-escape "%2"`},
}

func TestParsePatternError(t *testing.T) {
	for _, tt := range patternErrorTests {
		_, err := parsePattern("GET", tt.give)
		if err == nil {
			t.Errorf("parsePattern(%q) error = nil, want %q", tt.give, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("parsePattern(%q) error = %q, want %q", tt.give, err, tt.want)
		}
		var pe *PatternError
		if !errors.As(err, &pe) || pe.Pattern != tt.give || pe.Method != "GET" {
			t.Errorf("parsePattern(%q) error = %#v, want a *PatternError for GET %q", tt.give, err, tt.give)
		}
	}
}

// FuzzParsePattern checks that parsing never panics, that an accepted
// pattern prints back to one with the same segments, and that http.ServeMux
// accepts every pattern velocy accepts (velocy's syntax is a subset).
func FuzzParsePattern(f *testing.F) {
	for _, tt := range patternErrorTests {
		f.Add(tt.give)
	}
	for _, tt := range parsePatternTests {
		f.Add(tt.give)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		segs, err := parsePattern("GET", pattern)
		if err != nil {
			var pe *PatternError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "velocy: ") {
				t.Fatalf("parsePattern(%q) error = %v, want a *PatternError starting with \"velocy: \"", pattern, err)
			}
			if pe.Offset < 0 || pe.Offset > len(pattern) {
				t.Fatalf("parsePattern(%q) offset = %d, want 0..%d", pattern, pe.Offset, len(pattern))
			}
			return
		}
		again, err := parsePattern("GET", formatSegments(segs))
		if err != nil || !slices.Equal(again, segs) {
			t.Fatalf("parsePattern(%q) = %v; printed as %q it parses to %v, %v", pattern, segs, formatSegments(segs), again, err)
		}
		if err := serveMuxAccepts("GET " + pattern); err != nil {
			t.Fatalf("velocy accepts %q but http.ServeMux does not: %v", pattern, err)
		}
	})
}

// formatSegments prints segments back as a pattern, escaping literals.
func formatSegments(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		switch s.kind {
		case segStatic:
			b.WriteString(url.PathEscape(s.text))
		case segParam:
			b.WriteString("{" + s.text + "}")
		case segCatchAll:
			b.WriteString("{" + s.text + "...}")
		}
	}
	return b.String()
}

func serveMuxAccepts(pattern string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errors.New(strings.TrimSpace(strings.Split(toString(v), "\n")[0]))
		}
	}()
	http.NewServeMux().Handle(pattern, http.NotFoundHandler())
	return nil
}

func toString(v any) string {
	if err, ok := v.(error); ok {
		return err.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	return "panic"
}
