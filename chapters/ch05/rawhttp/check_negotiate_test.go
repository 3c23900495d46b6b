package rawhttp

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// negotiateFirefox is the Accept field Firefox sends for a page.
const negotiateFirefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

func TestNegotiatePicksTheClientsFavourite(t *testing.T) {
	tests := []struct {
		accept string
		offers []string
		want   string
		why    string
	}{
		{"", []string{"application/json", "text/html"}, "application/json", "no Accept: anything goes, so the server's first choice"},
		{"*/*", []string{"text/plain", "text/html"}, "text/plain", "*/* matches all: ties go to the earlier offer"},
		{"application/json", []string{"text/html", "application/json"}, "application/json", "the only acceptable offer"},
		{"APPLICATION/JSON", []string{"text/html", "application/json"}, "application/json", "types are case-insensitive"},
		{negotiateFirefox, []string{"application/json", "text/html"}, "text/html", "text/html has q=1, JSON only */*'s 0.8"},
		{negotiateFirefox, []string{"application/json"}, "application/json", "*/*;q=0.8 still accepts JSON"},
		{negotiateFirefox, []string{"application/json", "application/xml"}, "application/xml", "0.9 beats 0.8"},
		{"text/*;q=0.5, application/json", []string{"text/html", "application/json"}, "application/json", "1 beats 0.5"},
		{"text/*;q=0.5, application/json;q=0.4", []string{"text/html", "application/json"}, "text/html", "0.5 beats 0.4"},
		{"text/plain;q=1.0, text/html;q=0.999", []string{"text/html", "text/plain"}, "text/plain", "three decimals count"},
		{"text/plain;Q=0.5, text/html;q=0.6", []string{"text/plain", "text/html"}, "text/html", "the q name is case-insensitive"},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.accept, tt.offers...); got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q: %s", tt.accept, tt.offers, got, tt.want, tt.why)
		}
	}
}

func TestNegotiateSpecificity(t *testing.T) {
	tests := []struct {
		accept string
		offers []string
		want   string
		why    string
	}{
		{"text/plain;q=0.1, text/*", []string{"text/plain", "text/html"}, "text/html", "text/plain's own range (0.1) wins over text/* (1)"},
		{"text/*, text/plain;q=0.1", []string{"text/plain"}, "text/plain", "the order of the ranges does not matter, only how specific they are"},
		{"text/html;q=0, */*", []string{"text/html", "text/plain"}, "text/plain", "q=0 means: not this one"},
		{"text/html;level=1;q=0.9, text/html;q=0.2", []string{"text/html", "text/html;level=1"}, "text/html;level=1", "a range with parameters is more specific"},
		{"text/html;level=1, text/html;q=0.2", []string{"text/html;level=2"}, "text/html;level=2", "a range whose parameters differ does not match"},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.accept, tt.offers...); got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q: %s", tt.accept, tt.offers, got, tt.want, tt.why)
		}
	}
}

func TestNegotiateNothingAcceptable(t *testing.T) {
	tests := []struct {
		accept string
		offers []string
		why    string
	}{
		{"*/*;q=0", []string{"text/plain"}, "q=0 refuses everything"},
		{"image/png", []string{"text/html", "application/json"}, "no range matches: the handler answers 406"},
		{"text/plain;q=abc", []string{"text/plain"}, "a q that is not a number: skip the element"},
		{"text/plain;q=2", []string{"text/plain"}, "q is at most 1"},
		{"text/plain;q=0.5555", []string{"text/plain"}, "at most three decimals"},
		{"*/html", []string{"text/html"}, "*/html is not a media range"},
		{"text/html", nil, "no offers"},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.accept, tt.offers...); got != "" {
			t.Errorf("Negotiate(%q, %q) = %q, want \"\": %s", tt.accept, tt.offers, got, tt.why)
		}
	}
	if got := Negotiate(`text/plain;charset="a,b", text/html;q=0.5`, "text/html"); got != "text/html" {
		t.Errorf("Negotiate(%q, \"text/html\") = %q, want \"text/html\": a comma inside a quoted string does not split elements",
			`text/plain;charset="a,b", text/html;q=0.5`, got)
	}
}

// negotiateQ formats q thousandths the way clients do: "1", "0.5", "0.25", "0.125".
func negotiateQ(q int) string {
	if q == 1000 {
		return []string{"1", "1.0", "1.000"}[rand.IntN(3)]
	}
	return strings.TrimRight(fmt.Sprintf("0.%03d", q), "0.") + map[bool]string{true: "0", false: ""}[q == 0]
}

func TestNegotiateRandom(t *testing.T) {
	types := []string{"text", "image", "application", "audio"}
	subs := []string{"html", "plain", "json", "xml", "png", "csv", "x-custom", "vnd.api+json"}
	for range 30 {
		// Accept: some exact types, maybe a type/* and a */*, each with a random q.
		q := map[string]int{} // "type/sub", "type/*" or "*/*" -> thousandths
		var elems []string
		add := func(r string) {
			if _, dup := q[r]; dup {
				return
			}
			q[r] = rand.IntN(1001)
			if rand.IntN(6) == 0 {
				q[r] = 1000
			}
			elem := r
			if q[r] != 1000 || rand.IntN(2) == 0 {
				elem += ";q=" + negotiateQ(q[r])
			}
			elems = append(elems, elem)
		}
		for range 1 + rand.IntN(4) {
			add(types[rand.IntN(len(types))] + "/" + subs[rand.IntN(len(subs))])
		}
		if rand.IntN(2) == 0 {
			add(types[rand.IntN(len(types))] + "/*")
		}
		if rand.IntN(2) == 0 {
			add("*/*")
		}
		rand.Shuffle(len(elems), func(i, j int) { elems[i], elems[j] = elems[j], elems[i] })
		accept := strings.Join(elems, ", ")

		// Offers: distinct types; the weight of each is the q of its most specific range.
		var offers []string
		seen := map[string]bool{}
		for range 1 + rand.IntN(4) {
			o := types[rand.IntN(len(types))] + "/" + subs[rand.IntN(len(subs))]
			if !seen[o] {
				seen[o] = true
				offers = append(offers, o)
			}
		}
		want, best := "", 0
		for _, o := range offers {
			typ, _, _ := strings.Cut(o, "/")
			w, ok := q[o]
			if !ok {
				w, ok = q[typ+"/*"]
			}
			if !ok {
				w = q["*/*"] // 0 when absent: not acceptable
			}
			if w > best {
				want, best = o, w
			}
		}
		if got := Negotiate(accept, offers...); got != want {
			t.Fatalf("Negotiate(%q, %q) = %q, want %q: each offer weighs the q of the most specific range that matches it "+
				"(type/sub, then type/*, then */*); the highest q above 0 wins, and the earlier offer on a tie", accept, offers, got, want)
		}
	}
}
