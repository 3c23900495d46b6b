package static

import (
	"io/fs"
	"net/url"
	"strings"
	"testing"
)

// FuzzResolve checks that whatever the path, resolve either refuses it or
// returns a name that fs.ValidPath accepts, with no "..", no backslash and
// no control character, and no dot-name unless dotfiles are allowed.
func FuzzResolve(f *testing.F) {
	for _, s := range traversals {
		f.Add(strings.TrimPrefix(s, "/static"), false)
	}
	f.Add("/a/b/c.txt", true)
	f.Add("/.well-known/x", true)
	f.Fuzz(func(t *testing.T, escaped string, allowDot bool) {
		res := resolve(escaped, allowDot)
		if res.status != 0 {
			if res.status != 400 && res.status != 404 {
				t.Fatalf("resolve(%q) status %d", escaped, res.status)
			}
			return
		}
		// The name is the segments, each decoded by itself.
		var want []string
		for seg := range strings.SplitSeq(strings.TrimSuffix(strings.TrimPrefix(escaped, "/"), "/"), "/") {
			d, _ := url.PathUnescape(seg)
			want = append(want, d)
		}
		if w := strings.Join(want, "/"); res.name != w && !(res.name == "." && w == "") {
			t.Fatalf("resolve(%q) = %q, want %q", escaped, res.name, w)
		}
		if !fs.ValidPath(res.name) {
			t.Fatalf("resolve(%q) = %q, not a valid fs path", escaped, res.name)
		}
		for _, seg := range strings.Split(res.name, "/") {
			if seg == ".." || (seg == "." && res.name != ".") {
				t.Fatalf("resolve(%q) = %q has a dot segment", escaped, res.name)
			}
			if !allowDot && strings.HasPrefix(seg, ".") && res.name != "." {
				t.Fatalf("resolve(%q) = %q: a dotfile", escaped, res.name)
			}
			if strings.ContainsAny(seg, "\\\x00") {
				t.Fatalf("resolve(%q) = %q", escaped, res.name)
			}
			for _, c := range []byte(seg) {
				if c < 0x20 || c == 0x7f {
					t.Fatalf("resolve(%q) = %q: control character", escaped, res.name)
				}
			}
		}
	})
}
