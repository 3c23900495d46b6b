package rawhttp

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestParseUserAgentProducts(t *testing.T) {
	tests := []struct {
		in   string
		want []Product
	}{
		{"curl/8.5.0", []Product{{Name: "curl", Version: "8.5.0"}}},
		{"Go-http-client/1.1", []Product{{Name: "Go-http-client", Version: "1.1"}}},
		{"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", []Product{
			{Name: "Mozilla", Version: "5.0", Comments: []string{"X11; Linux x86_64; rv:128.0"}},
			{Name: "Gecko", Version: "20100101"},
			{Name: "Firefox", Version: "128.0"},
		}},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", []Product{
			{Name: "Mozilla", Version: "5.0", Comments: []string{"Macintosh; Intel Mac OS X 10_15_7"}},
			{Name: "AppleWebKit", Version: "537.36", Comments: []string{"KHTML, like Gecko"}},
			{Name: "Chrome", Version: "126.0.0.0"},
			{Name: "Safari", Version: "537.36"},
		}},
		{"Tool", []Product{{Name: "Tool"}}},
		{"Tool/", []Product{{Name: "Tool"}}},
		{"  spaced/1 \t tabbed/2 ", []Product{{Name: "spaced", Version: "1"}, {Name: "tabbed", Version: "2"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := ParseUserAgent(tt.in); !userAgentEqual(got, tt.want) {
			t.Errorf("ParseUserAgent(%q) =\n%s\nwant\n%s", tt.in, userAgentShow(got), userAgentShow(tt.want))
		}
	}
}

func TestParseUserAgentComments(t *testing.T) {
	tests := []struct {
		in   string
		want []Product
		why  string
	}{
		{"Bot (a (nested) comment) (second)", []Product{{Name: "Bot", Comments: []string{"a (nested) comment", "second"}}}, "comments nest, and a product may have several"},
		{`Bot (escaped \) paren)`, []Product{{Name: "Bot", Comments: []string{"escaped ) paren"}}}, `a backslash escapes the next byte`},
		{"(orphan comment) Tool/2", []Product{{Name: "Tool", Version: "2"}}, "a comment before any product belongs to nobody: drop it"},
		{"Tool/1 (never closed", []Product{{Name: "Tool", Version: "1", Comments: []string{"never closed"}}}, "an open comment runs to the end"},
		{`"quoted" x`, []Product{{Name: "quoted"}, {Name: "x"}}, "a byte that starts nothing is skipped"},
	}
	for _, tt := range tests {
		if got := ParseUserAgent(tt.in); !userAgentEqual(got, tt.want) {
			t.Errorf("ParseUserAgent(%q) =\n%s\nwant\n%s\n(%s)", tt.in, userAgentShow(got), userAgentShow(tt.want), tt.why)
		}
	}
}

func TestParseUserAgentAlwaysEnds(t *testing.T) {
	tests := []struct {
		in   string
		want []Product
	}{
		{"(((((", nil},
		{`a (\`, []Product{{Name: "a", Comments: []string{`\`}}}},
		{"/////", nil},
		{")))) x/1", []Product{{Name: "x", Version: "1"}}},
		{"a/b/c", []Product{{Name: "a", Version: "b"}, {Name: "c"}}},
		{"\x00\xff(\\", nil},
	}
	for _, tt := range tests {
		done := make(chan []Product, 1)
		go func() { done <- ParseUserAgent(tt.in) }()
		select {
		case got := <-done:
			if !userAgentEqual(got, tt.want) {
				t.Errorf("ParseUserAgent(%q) = %s, want %s", tt.in, userAgentShow(got), userAgentShow(tt.want))
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ParseUserAgent(%q) had not returned after 5s: every turn of the loop must move forward", tt.in)
		}
	}
}

// userAgentPick returns n random bytes from alphabet.
func userAgentPick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

// userAgentComment returns a random comment as sent, with its parentheses, and
// the text ParseUserAgent should make of it: a nested comment keeps its
// parentheses, an escaped byte loses its backslash.
func userAgentComment() (sent, text string) {
	const words = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ;:,._/"
	var s, x strings.Builder
	for range 1 + rand.IntN(4) {
		switch rand.IntN(4) {
		case 0:
			inner := userAgentPick(words, 1+rand.IntN(8))
			s.WriteString("(" + inner + ")")
			x.WriteString("(" + inner + ")")
		case 1:
			c := string("()\\"[rand.IntN(3)])
			s.WriteString("\\" + c)
			x.WriteString(c)
		default:
			w := userAgentPick(words, 1+rand.IntN(10))
			s.WriteString(w)
			x.WriteString(w)
		}
	}
	return "(" + s.String() + ")", x.String()
}

func TestParseUserAgentRandom(t *testing.T) {
	const token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~"
	for range 20 {
		var parts []string
		var want []Product
		for range 1 + rand.IntN(4) {
			p := Product{Name: userAgentPick(token, 1+rand.IntN(10))}
			sent := p.Name
			if rand.IntN(3) > 0 {
				p.Version = userAgentPick(token, 1+rand.IntN(8))
				sent += "/" + p.Version
			}
			parts = append(parts, sent)
			for range rand.IntN(3) {
				c, text := userAgentComment()
				parts = append(parts, c)
				p.Comments = append(p.Comments, text)
			}
			want = append(want, p)
		}
		ua := strings.Join(parts, " ")
		if got := ParseUserAgent(ua); !userAgentEqual(got, want) {
			t.Fatalf("ParseUserAgent(%q) =\n%s\nwant\n%s", ua, userAgentShow(got), userAgentShow(want))
		}
	}
}

// userAgentShow formats products with every field, comments included (%v would
// use Product.String, which leaves them out).
func userAgentShow(ps []Product) string {
	if ps == nil {
		return "nil"
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("{Name: %q, Version: %q, Comments: %q}", p.Name, p.Version, p.Comments)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// userAgentEqual compares products field by field; nil and empty lists are equal.
func userAgentEqual(a, b []Product) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Version != b[i].Version || len(a[i].Comments) != len(b[i].Comments) {
			return false
		}
		for j := range a[i].Comments {
			if a[i].Comments[j] != b[i].Comments[j] {
				return false
			}
		}
	}
	return true
}
