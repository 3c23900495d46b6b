package safenet

import (
	"net/url"
	"strings"
	"testing"
)

var localPathCases = map[string]bool{
	"/":                                   true,
	"/account":                            true,
	"/account/keys?tab=2#top":             true,
	"/a%20b":                              true,
	"/caf%C3%A9":                          true,
	"/café":                               true,
	"/a:b":                                true,
	"/search?q=//x":                       true,
	"":                                    false,
	"account":                             false,
	"https://evil.example/":               false,
	"//evil.example":                      false,
	"///evil.example":                     false,
	"/\\evil.example":                     false,
	"\\/evil.example":                     false,
	"/a\\b":                               false,
	"/\t/evil.example":                    false,
	"/\n/evil.example":                    false,
	" //evil.example":                     false,
	"%2f%2fevil.example":                  false,
	"/%2f%2fevil.example":                 false,
	"/%2F%2Fevil.example":                 false,
	"/%5cevil.example":                    false,
	"/%252f%252fevil.example":             false,
	"/%09/evil.example":                   false,
	"/%0d%0aSet-Cookie:%20a=b":            false,
	"/a/../b":                             false,
	"/./x":                                false,
	"/..":                                 false,
	"/%2e%2e/x":                           false,
	"/%zz":                                false,
	"javascript:alert(1)":                 false,
	"/\xff":                               false,
	"/" + strings.Repeat("a", MaxPathLen): false,
}

func TestLocalPath(t *testing.T) {
	for target, want := range localPathCases {
		if got := LocalPath(target); got != want {
			t.Errorf("LocalPath(%q) = %v, want %v", target, got, want)
		}
	}
}

// browserResolve resolves target against base the way a browser treats a
// Location header more or less: tabs and newlines dropped, backslashes
// read as slashes, then RFC 3986 resolution by net/url.
func browserResolve(base *url.URL, target string) (*url.URL, error) {
	target = strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(strings.TrimLeft(target, " \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	return base.ResolveReference(u), nil
}

// FuzzLocalPath uses net/url as the oracle: whatever LocalPath accepts
// stays on the site, read as a browser reads it, and read again after a
// server decodes it once or twice and redirects to the result.
func FuzzLocalPath(f *testing.F) {
	for target := range localPathCases {
		f.Add(target)
	}
	base, _ := url.Parse("https://site.example/login/form")
	f.Fuzz(func(t *testing.T, target string) {
		if !LocalPath(target) {
			return
		}
		forms := []string{target}
		if d, err := url.PathUnescape(target); err == nil {
			forms = append(forms, d)
			if d2, err := url.PathUnescape(d); err == nil {
				forms = append(forms, d2)
			}
		}
		for _, form := range forms {
			u, err := browserResolve(base, form)
			if err != nil {
				continue // not a URL once decoded: a browser would not follow it either
			}
			if u.Scheme != "https" || u.Host != "site.example" || u.User != nil {
				t.Fatalf("LocalPath(%q) = true, but %q leads to %s", target, form, u)
			}
		}
	})
}
