package rawhttp

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseCookiesPairs(t *testing.T) {
	tests := []struct {
		in   string
		want []Cookie
	}{
		{"theme=dark", []Cookie{{Name: "theme", Value: "dark"}}},
		{"theme=dark; sid=38afes7a8", []Cookie{{Name: "theme", Value: "dark"}, {Name: "sid", Value: "38afes7a8"}}},
		{"  a=1 ;b=2;   c=3  ", []Cookie{{Name: "a", Value: "1"}, {Name: "b", Value: "2"}, {Name: "c", Value: "3"}}},
		{`q="quoted"`, []Cookie{{Name: "q", Value: "quoted"}}},
		{"empty=", []Cookie{{Name: "empty", Value: ""}}},
		{"a=1; a=2", []Cookie{{Name: "a", Value: "1"}, {Name: "a", Value: "2"}}},
		{"eq=a=b", []Cookie{{Name: "eq", Value: "a=b"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := ParseCookies(tt.in); !cookiesEqual(got, tt.want) {
			t.Errorf("ParseCookies(%q) = %s, want %s", tt.in, cookiesShow(got), cookiesShow(tt.want))
		}
	}
}

func TestParseCookiesSkipsBadPairs(t *testing.T) {
	tests := []struct{ in, why string }{
		{"novalue; ok=2", "no '=': not a pair"},
		{"bad name=1; ok=2", "a space in the name"},
		{"=nameless; ok=2", "an empty name"},
		{"sp=a b; ok=2", "a space in the value"},
		{"comma=a,b; ok=2", "a comma in the value"},
		{`half="open; ok=2`, "a lone double quote"},
		{"ctl=a\x01b; ok=2", "a control byte in the value"},
	}
	want := []Cookie{{Name: "ok", Value: "2"}}
	for _, tt := range tests {
		if got := ParseCookies(tt.in); !cookiesEqual(got, want) {
			t.Errorf("ParseCookies(%q) = %s, want %s: skip the bad pair (%s) and keep going", tt.in, cookiesShow(got), cookiesShow(want), tt.why)
		}
	}
}

func TestRequestCookies(t *testing.T) {
	r := &Request{Method: "GET", Header: Header{"Cookie": {"a=1; b=2", "c=3"}}}
	want := []Cookie{{Name: "a", Value: "1"}, {Name: "b", Value: "2"}, {Name: "c", Value: "3"}}
	if got := r.Cookies(); !cookiesEqual(got, want) {
		t.Errorf("Cookies() of a request with Cookie fields %q = %s, want %s", r.Header["Cookie"], cookiesShow(got), cookiesShow(want))
	}
}

// cookiesPick returns n random bytes from alphabet.
func cookiesPick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

func TestParseCookiesRandom(t *testing.T) {
	const name = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~"
	const value = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'()*+-./:<=>?@[]^_`{|}~"
	bad := []string{"no-equals", "sp ace=1", "=nameless", "v=a b", "v=a,b", `v="open`, "v=a\\b"}
	for range 20 {
		var pairs []string
		var want []Cookie
		for range 1 + rand.IntN(6) {
			if rand.IntN(4) == 0 {
				pairs = append(pairs, bad[rand.IntN(len(bad))])
				continue
			}
			c := Cookie{Name: cookiesPick(name, 1+rand.IntN(10)), Value: cookiesPick(value, rand.IntN(16))}
			sent := c.Value
			if rand.IntN(3) == 0 {
				sent = `"` + sent + `"`
			}
			pairs = append(pairs, c.Name+"="+sent)
			want = append(want, c)
		}
		var field strings.Builder
		for i, p := range pairs {
			if i > 0 {
				field.WriteString(";" + strings.Repeat(" ", rand.IntN(3)))
			}
			field.WriteString(p)
		}
		if got := ParseCookies(field.String()); !cookiesEqual(got, want) {
			t.Fatalf("ParseCookies(%q) =\n%s\nwant\n%s\n(a pair that is not name=value with a token name and a cookie value is skipped)",
				field.String(), cookiesShow(got), cookiesShow(want))
		}
	}
}

// cookiesShow formats cookies as their quoted names and values.
func cookiesShow(cs []Cookie) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("{Name: %q, Value: %q}", c.Name, c.Value)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// cookiesEqual compares two lists of cookies; nil and empty lists are equal.
func cookiesEqual(a, b []Cookie) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
