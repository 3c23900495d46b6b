package rawhttp

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

var parseCookiesTests = []struct {
	in   string
	want []Cookie
}{
	{"", nil},
	{"theme=dark", []Cookie{{Name: "theme", Value: "dark"}}},
	{"theme=dark; sid=38afes7a8", []Cookie{{Name: "theme", Value: "dark"}, {Name: "sid", Value: "38afes7a8"}}},
	{"  a=1 ;b=2;   c=3  ", []Cookie{{Name: "a", Value: "1"}, {Name: "b", Value: "2"}, {Name: "c", Value: "3"}}},
	{`q="quoted"`, []Cookie{{Name: "q", Value: "quoted"}}},
	{"empty=", []Cookie{{Name: "empty", Value: ""}}},
	{"a=1; a=2", []Cookie{{Name: "a", Value: "1"}, {Name: "a", Value: "2"}}},
	{"eq=a=b", []Cookie{{Name: "eq", Value: "a=b"}}},
	{"novalue; b=2", []Cookie{{Name: "b", Value: "2"}}},
	{"bad name=1; ok=2", []Cookie{{Name: "ok", Value: "2"}}},
	{"sp=a b; ok=2", []Cookie{{Name: "ok", Value: "2"}}},
	{"comma=a,b; ok=2", []Cookie{{Name: "ok", Value: "2"}}},
	{"=nameless; ok=2", []Cookie{{Name: "ok", Value: "2"}}},
	{`half="open; ok=2`, []Cookie{{Name: "ok", Value: "2"}}},
	{";;;", nil},
}

func TestParseCookies(t *testing.T) {
	for _, tt := range parseCookiesTests {
		if got := ParseCookies(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseCookies(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func FuzzParseCookies(f *testing.F) {
	for _, tt := range parseCookiesTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, c := range ParseCookies(in) {
			// Every cookie read must be one SetCookie can send back.
			if err := SetCookie(Header{}, Cookie{Name: c.Name, Value: c.Value}); err != nil {
				t.Fatalf("ParseCookies(%q) gave %+v, which SetCookie refuses: %v", in, c, err)
			}
		}
	})
}

func TestSetCookie(t *testing.T) {
	expires := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		c    Cookie
		want string // "" when SetCookie must fail
	}{
		{Cookie{Name: "sid", Value: "abc"}, "sid=abc"},
		{Cookie{Name: "sid", Value: ""}, "sid="},
		{Cookie{Name: "sid", Value: "abc", Path: "/", MaxAge: 3600, HttpOnly: true, Secure: true, SameSite: "Lax"},
			"sid=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax"},
		{Cookie{Name: "sid", Value: "abc", Domain: ".example.com", Expires: expires},
			"sid=abc; Domain=example.com; Expires=Wed, 02 Jan 2030 03:04:05 GMT"},
		{Cookie{Name: "sid", MaxAge: -1}, "sid=; Max-Age=0"},
		{Cookie{Name: "sid", Value: "x", SameSite: "None", Secure: true}, "sid=x; Secure; SameSite=None"},
		{Cookie{Name: "sid", Value: "x", SameSite: "None"}, ""},
		{Cookie{Name: "sid", Value: "x", SameSite: "lax"}, ""},
		{Cookie{Name: "", Value: "x"}, ""},
		{Cookie{Name: "s id", Value: "x"}, ""},
		{Cookie{Name: "sid", Value: "a b"}, ""},
		{Cookie{Name: "sid", Value: "a;b"}, ""},
		{Cookie{Name: "sid", Value: "x\r\nLocation: https://evil.example"}, ""},
		{Cookie{Name: "sid", Value: "x", Path: "/a; Secure"}, ""},
		{Cookie{Name: "sid", Value: "x", Path: "/a\r\nX: y"}, ""},
		{Cookie{Name: "sid", Value: "x", Domain: "exa mple.com"}, ""},
		{Cookie{Name: "sid", Value: "x", Domain: "."}, ""},
	}
	for _, tt := range tests {
		h := Header{}
		err := SetCookie(h, tt.c)
		got := h.Get("Set-Cookie")
		if tt.want == "" {
			if err == nil || len(h) != 0 {
				t.Errorf("SetCookie(%+v) = %q, %v, want an error and no field", tt.c, got, err)
			}
			continue
		}
		if got != tt.want || err != nil {
			t.Errorf("SetCookie(%+v) = %q, %v, want %q", tt.c, got, err, tt.want)
		}
	}
}

// TestSetCookieParsesBack: what SetCookie writes, a client sends back, and ParseCookies reads.
func TestSetCookieParsesBack(t *testing.T) {
	h := Header{}
	SetCookie(h, Cookie{Name: "a", Value: "1", Path: "/"})
	SetCookie(h, Cookie{Name: "b", Value: "2"})
	var pairs []string
	for _, v := range h.Values("Set-Cookie") {
		pair, _, _ := strings.Cut(v, ";")
		pairs = append(pairs, pair)
	}
	got := ParseCookies(strings.Join(pairs, "; "))
	want := []Cookie{{Name: "a", Value: "1"}, {Name: "b", Value: "2"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cookies sent back = %+v, want %+v", got, want)
	}
}
