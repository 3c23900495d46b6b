package safenet

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// localPathWord returns a random path segment of letters, digits and -_~.
func localPathWord() string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789-_~"
	b := make([]byte, 1+rand.IntN(10))
	for i := range b {
		b[i] = chars[rand.IntN(len(chars))]
	}
	return string(b)
}

func localPathHost() string { return localPathWord() + ".example" }

func TestSafenetLocalPath(t *testing.T) {
	var good []string
	for range 20 {
		p := "/" + localPathWord()
		for range rand.IntN(3) {
			p += "/" + localPathWord()
		}
		switch rand.IntN(4) {
		case 0:
			p += "?next=" + url.QueryEscape("//"+localPathHost())
		case 1:
			p += "#" + localPathWord()
		case 2:
			p += "/"
		}
		good = append(good, p)
	}
	good = append(good, "/", "/caf%C3%A9", "/a%20b/c")
	for _, p := range good {
		if !LocalPath(p) {
			t.Fatalf("LocalPath(%q) = false, want true: a plain path on this site", p)
		}
	}

	h := localPathHost()
	w := localPathWord()
	bad := []string{
		"", w, "https://" + h + "/", "http:" + h, "javascript:alert(1)",
		"//" + h, "///" + h, "/\\" + h, "\\/" + h, "/" + w + "\\" + w,
		"/\t/" + h, "/\n/" + h, "/\r/" + h, " //" + h, "/\x00/" + h,
		"%2f%2f" + h, "/%2f%2f" + h, "/%2F%2F" + h, "/%5c" + h, "/%5C" + h,
		"/%252f%252f" + h, "/%09/" + h, "/%0d%0aSet-Cookie:a=b",
		"/" + w + "/../" + w, "/./" + w, "/..", "/%2e%2e/" + w, "/%zz",
		"/" + w + "\xff", "/" + strings.Repeat(w, MaxPathLen/len(w)+1),
	}
	rand.Shuffle(len(bad), func(i, j int) { bad[i], bad[j] = bad[j], bad[i] })
	var wrong []string
	for _, p := range bad {
		if LocalPath(p) {
			q := fmt.Sprintf("%q", p)
			if len(p) > 40 {
				q = fmt.Sprintf("%q… (%d bytes, over MaxPathLen)", p[:20], len(p))
			}
			wrong = append(wrong, q)
		}
	}
	if len(wrong) > 0 {
		n, more := len(wrong), ""
		if n > 8 {
			more = fmt.Sprintf(", and %d more", n-8)
			wrong = wrong[:8]
		}
		t.Fatalf("LocalPath accepted %d targets a browser reads as another site, or that a decoding hop turns into one: %s%s",
			n, strings.Join(wrong, ", "), more)
	}
}
