package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// wildcardText prints segments the way the messages show them:
// [static "users" param "id"].
func wildcardText(segs []segment) string {
	kinds := map[segmentKind]string{segStatic: "static", segParam: "param", segCatchAll: "catch-all"}
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = fmt.Sprintf("%s %q", kinds[s.kind], s.text)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestParsePatternWildcards(t *testing.T) {
	lit := func(s string) segment { return segment{kind: segStatic, text: s} }
	wild := func(s string) segment { return segment{kind: segParam, text: s} }
	rest := func(s string) segment { return segment{kind: segCatchAll, text: s} }
	tests := []struct {
		give string
		want []segment
	}{
		{"/users/{id}", []segment{lit("users"), wild("id")}},
		{"/users/{id}/", []segment{lit("users"), wild("id"), lit("")}},
		{"/{a}/{b}", []segment{wild("a"), wild("b")}},
		{"/files/{path...}", []segment{lit("files"), rest("path")}},
		{"/{rest...}", []segment{rest("rest")}},
		{"/u/{userID}/posts", []segment{lit("u"), wild("userID"), lit("posts")}},
		{"/{_x1}", []segment{wild("_x1")}},
		{"/{ünï}", []segment{wild("ünï")}},
	}
	for _, tt := range tests {
		got, err := parsePattern("GET", tt.give)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parsePattern(%q) = %s, %v, want %s, nil", tt.give, wildcardText(got), err, wildcardText(tt.want))
		}
	}
}

func TestParsePatternWildcardsRandom(t *testing.T) {
	const first, rest = "abcxyzABC_éß", "abcxyzABC_éß0123456789"
	name := func(i int) string {
		r1, r2 := []rune(first), []rune(rest)
		n := string(r1[rand.IntN(len(r1))])
		for range rand.IntN(5) {
			n += string(r2[rand.IntN(len(r2))])
		}
		return fmt.Sprintf("%s%d", n, i) // the index keeps names apart
	}
	for range 50 {
		var parts []string
		var want []segment
		n := 1 + rand.IntN(5)
		for i := range n {
			switch k := rand.IntN(3); {
			case k == 0:
				lit := fmt.Sprintf("s%d", rand.IntN(100))
				parts, want = append(parts, lit), append(want, segment{kind: segStatic, text: lit})
			case k == 1 || i < n-1:
				nm := name(i)
				parts, want = append(parts, "{"+nm+"}"), append(want, segment{kind: segParam, text: nm})
			default:
				nm := name(i)
				parts, want = append(parts, "{"+nm+"...}"), append(want, segment{kind: segCatchAll, text: nm})
			}
		}
		pattern := "/" + strings.Join(parts, "/")
		if got, err := parsePattern("GET", pattern); err != nil || !slices.Equal(got, want) {
			t.Fatalf("parsePattern(%q) = %s, %v, want %s, nil", pattern, wildcardText(got), err, wildcardText(want))
		}
	}
}

func TestParsePatternWildcardErrors(t *testing.T) {
	tests := []struct {
		give string
		want string
	}{
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
	}
	for _, tt := range tests {
		segs, err := parsePattern("GET", tt.give)
		if err == nil {
			t.Errorf("parsePattern(%q) = %s, nil, want the error %q", tt.give, wildcardText(segs), tt.want)
		} else if err.Error() != tt.want {
			t.Errorf("parsePattern(%q) error = %q, want %q", tt.give, err, tt.want)
		}
	}
	// Handle reports them too.
	defer func() {
		want := `velocy: GET "/files/{path...}/raw": at offset 7: catch-all {path...} must be the last segment`
		if v := recover(); v == nil {
			t.Errorf("Handle(\"GET\", \"/files/{path...}/raw\", h) does not panic, want a panic with %q", want)
		} else if got := fmt.Sprint(v); got != want {
			t.Errorf("Handle(\"GET\", \"/files/{path...}/raw\", h) panics with %q, want %q", got, want)
		}
	}()
	New().Handle("GET", "/files/{path...}/raw", http.NotFoundHandler())
}
