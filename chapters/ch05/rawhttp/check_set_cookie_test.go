package rawhttp

import (
	"math/rand/v2"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSetCookieFields(t *testing.T) {
	expires := time.Date(2030, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600))
	tests := []struct {
		c    Cookie
		want string
	}{
		{Cookie{Name: "sid", Value: "abc"}, "sid=abc"},
		{Cookie{Name: "sid", Value: ""}, "sid="},
		{Cookie{Name: "sid", Value: "abc", Path: "/", MaxAge: 3600, HttpOnly: true, Secure: true, SameSite: "Lax"},
			"sid=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax"},
		{Cookie{Name: "sid", Value: "abc", Domain: ".example.com", Expires: expires},
			"sid=abc; Domain=example.com; Expires=Wed, 02 Jan 2030 03:04:05 GMT"},
		{Cookie{Name: "sid", MaxAge: -1}, "sid=; Max-Age=0"},
		{Cookie{Name: "sid", Value: "x", SameSite: "None", Secure: true}, "sid=x; Secure; SameSite=None"},
		{Cookie{Name: "theme", Value: "dark", SameSite: "Strict"}, "theme=dark; SameSite=Strict"},
	}
	for _, tt := range tests {
		h := Header{}
		err := SetCookie(h, tt.c)
		if got := h.Values("Set-Cookie"); err != nil || len(got) != 1 || got[0] != tt.want {
			t.Errorf("SetCookie(h, %+v): Set-Cookie %q, error %v, want [%q], nil", tt.c, got, err, tt.want)
		}
	}
}

func TestSetCookieRefuses(t *testing.T) {
	tests := []struct {
		c   Cookie
		why string
	}{
		{Cookie{Name: "sid", Value: "x\r\nLocation: https://evil.example"}, "CRLF in the value would add a field of its own"},
		{Cookie{Name: "sid", Value: "a;b"}, "a ';' in the value starts an attribute"},
		{Cookie{Name: "sid", Value: "a b"}, "a space in the value"},
		{Cookie{Name: "sid", Value: `a"b`}, "a double quote in the value"},
		{Cookie{Name: "", Value: "x"}, "no name"},
		{Cookie{Name: "s id", Value: "x"}, "a space in the name"},
		{Cookie{Name: "sid", Value: "x", Path: "/a; Domain=evil.example"}, "a ';' in the path adds an attribute"},
		{Cookie{Name: "sid", Value: "x", Path: "/a\r\nX: y"}, "CRLF in the path"},
		{Cookie{Name: "sid", Value: "x", Domain: "exa mple.com"}, "a space in the domain"},
		{Cookie{Name: "sid", Value: "x", Domain: "."}, "an empty domain"},
		{Cookie{Name: "sid", Value: "x", SameSite: "lax"}, "SameSite is Strict, Lax or None"},
		{Cookie{Name: "sid", Value: "x", SameSite: "None"}, "SameSite=None without Secure is dropped by browsers"},
	}
	for _, tt := range tests {
		h := Header{}
		err := SetCookie(h, tt.c)
		if err == nil || len(h) != 0 {
			t.Errorf("SetCookie(h, %+v) = %v and left h = %q, want an error and h untouched: %s", tt.c, err, h, tt.why)
		}
	}
}

func TestSetCookieRoundTrip(t *testing.T) {
	h := Header{}
	for _, c := range []Cookie{{Name: "a", Value: "1", Path: "/"}, {Name: "b", Value: "two", HttpOnly: true}} {
		if err := SetCookie(h, c); err != nil {
			t.Fatalf("SetCookie(h, %+v) = %v", c, err)
		}
	}
	want := []string{"a=1; Path=/", "b=two; HttpOnly"}
	if got := h.Values("Set-Cookie"); !reflect.DeepEqual(got, want) {
		t.Fatalf("after two SetCookie calls, Set-Cookie = %q, want %q: one field per cookie, never joined with commas", got, want)
	}
}

// setCookiePick returns n random bytes from alphabet.
func setCookiePick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

func TestSetCookieRandom(t *testing.T) {
	const lower = "abcdefghijklmnopqrstuvwxyz"
	for range 30 {
		c := Cookie{
			Name:  setCookiePick(lower+"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 1+rand.IntN(10)),
			Value: setCookiePick(lower+"0123456789!#$%&'()*+-./:<=>?@[]^_`{|}~", rand.IntN(20)),
		}
		want := c.Name + "=" + c.Value
		if rand.IntN(2) == 0 {
			c.Path = "/" + setCookiePick(lower+"/-_.", rand.IntN(12))
			want += "; Path=" + c.Path
		}
		if rand.IntN(2) == 0 {
			d := setCookiePick(lower, 1+rand.IntN(8)) + "." + setCookiePick(lower, 2+rand.IntN(2))
			c.Domain = strings.Repeat(".", rand.IntN(2)) + d
			want += "; Domain=" + d
		}
		if rand.IntN(2) == 0 {
			c.Expires = time.Unix(rand.Int64N(4e9), 0).In(time.FixedZone("Z", (rand.IntN(25)-12)*3600))
			want += "; Expires=" + c.Expires.UTC().Format(http.TimeFormat)
		}
		switch rand.IntN(3) {
		case 1:
			c.MaxAge = 1 + rand.IntN(1e6)
			want += "; Max-Age=" + strconv.Itoa(c.MaxAge)
		case 2:
			c.MaxAge = -1 - rand.IntN(1e6)
			want += "; Max-Age=0"
		}
		if c.HttpOnly = rand.IntN(2) == 0; c.HttpOnly {
			want += "; HttpOnly"
		}
		if c.Secure = rand.IntN(2) == 0; c.Secure {
			want += "; Secure"
		}
		c.SameSite = []string{"", "Strict", "Lax", "None"}[rand.IntN(4)]
		if c.SameSite == "None" && !c.Secure {
			c.SameSite = ""
		}
		if c.SameSite != "" {
			want += "; SameSite=" + c.SameSite
		}
		h := Header{}
		err := SetCookie(h, c)
		if got := h.Values("Set-Cookie"); err != nil || len(got) != 1 || got[0] != want {
			t.Fatalf("SetCookie(h, %+v): Set-Cookie %q, error %v\nwant [%q], nil", c, got, err, want)
		}
	}
}
