package static

import (
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// cleanSegmentsName returns a random file or directory name that an honest
// client may ask for: letters, digits, and now and then a space, a dash,
// a dot inside, or a non-ASCII letter, which clients send percent-encoded.
func cleanSegmentsName() string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ é.ü"
	runes := []rune(chars)
	var b strings.Builder
	b.WriteRune(runes[rand.IntN(52)]) // a letter first: no dot, no space
	for range 1 + rand.IntN(10) {
		b.WriteRune(runes[rand.IntN(len(runes))])
	}
	return strings.TrimRight(b.String(), ". ")
}

func TestResolveMapsCleanPaths(t *testing.T) {
	if got := resolve("/", true); got.name != "." || !got.dir || got.status != 0 {
		t.Errorf("resolve(%q) = %+v, want name \".\", dir true, status 0: \"/\" is the root directory", "/", got)
	}
	for range 50 {
		var names, escaped []string
		for range 1 + rand.IntN(4) {
			n := cleanSegmentsName()
			names = append(names, n)
			escaped = append(escaped, url.PathEscape(n))
		}
		p := "/" + strings.Join(escaped, "/")
		dir := rand.IntN(2) == 0
		if dir {
			p += "/"
		}
		got := resolve(p, true)
		want := resolved{name: strings.Join(names, "/"), dir: dir, last: escaped[len(escaped)-1]}
		if got != want {
			t.Fatalf("resolve(%q) = %+v,\nwant %+v\n(name: the segments decoded and joined with \"/\"; dir: the path ended with \"/\"; last: the last segment as sent, still escaped)", p, got, want)
		}
	}
}

// cleanSegmentsBad are escaped paths no honest client sends: each is 400.
var cleanSegmentsBad = []string{
	"/../secret.txt",
	"/a/../../secret.txt",
	"/%2e%2e/secret.txt",
	"/%2E%2E/secret.txt",
	"/.%2e/secret.txt",
	"/..",
	"/.",
	"/a/./b",
	"/..%2fsecret.txt",
	"/..%2Fsecret.txt",
	"/%2e%2e%2fsecret.txt",
	"/a%2fb",
	"/..%5csecret.txt",
	`/..\secret.txt`,
	`/a\b`,
	"/%00",
	"/a.txt%00.html",
	"/a%0a",
	"/a%7f",
	"//etc/passwd",
	"/a//b",
	"/%2fetc/passwd",
	"/%c0%ae%c0%ae/secret.txt",
	"/%ff",
	"/%zz",
	"/a%2",
}

func TestResolveRefusesTraversals(t *testing.T) {
	for _, p := range cleanSegmentsBad {
		prefix := ""
		for range rand.IntN(3) {
			prefix += "/" + url.PathEscape(cleanSegmentsName())
		}
		p = prefix + p
		for _, allowDot := range []bool{false, true} {
			got := resolve(p, allowDot)
			if got.status != http.StatusBadRequest || got.problem == "" {
				t.Errorf("resolve(%q, %v) = %+v, want status 400 with a problem in words: no honest client sends this path", p, allowDot, got)
			}
		}
	}
}

func TestResolveKeepsDotsInsideNames(t *testing.T) {
	for _, n := range []string{"foo..bar", "a.b.c", "..foo", "...", "v1.2..3"} {
		n += cleanSegmentsName()
		got := resolve("/"+url.PathEscape(n), true)
		if got.status != 0 || got.name != n {
			t.Errorf("resolve(%q, true) = %+v, want name %q: only a whole segment \".\" or \"..\" climbs, a dot inside a name is fine", "/"+n, got, n)
		}
	}
}
