package rawhttp

import (
	"slices"
	"strings"
	"testing"
)

const firefoxAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

var negotiateTests = []struct {
	accept string
	offers []string
	want   string
}{
	{"", []string{"application/json", "text/html"}, "application/json"},
	{"", nil, ""},
	{"*/*", []string{"text/plain", "text/html"}, "text/plain"},
	{"application/json", []string{"text/html", "application/json"}, "application/json"},
	{"APPLICATION/JSON", []string{"text/html", "application/json"}, "application/json"},
	{firefoxAccept, []string{"application/json", "text/html"}, "text/html"},
	{firefoxAccept, []string{"application/json"}, "application/json"},
	{firefoxAccept, []string{"application/json", "application/xml"}, "application/xml"},
	{"text/*;q=0.5, application/json", []string{"text/html", "application/json"}, "application/json"},
	{"text/*;q=0.5, application/json;q=0.4", []string{"text/html", "application/json"}, "text/html"},
	{"text/plain;q=0.1, text/*", []string{"text/plain", "text/html"}, "text/html"},
	{"text/*, text/plain;q=0.1", []string{"text/plain"}, "text/plain"},
	{"*/*;q=0", []string{"text/plain"}, ""},
	{"text/html;q=0, */*", []string{"text/html", "text/plain"}, "text/plain"},
	{"image/png", []string{"text/html", "application/json"}, ""},
	{"text/html;level=1;q=0.9, text/html;q=0.2", []string{"text/html", "text/html;level=1"}, "text/html;level=1"},
	{"text/html;level=1, text/html;q=0.2", []string{"text/html;level=2"}, "text/html;level=2"},
	{"text/plain;q=1.0, text/html;q=0.999", []string{"text/html", "text/plain"}, "text/plain"},
	{"text/plain;Q=0.5, text/html;q=0.6", []string{"text/plain", "text/html"}, "text/html"},
	{"text/plain;q=2, text/html;q=0.1", []string{"text/plain", "text/html"}, "text/html"},
	{"text/plain;q=0.5555, text/html;q=0.1", []string{"text/plain", "text/html"}, "text/html"},
	{"text/plain;q=abc", []string{"text/plain"}, ""},
	{`text/plain;charset="a,b", text/html;q=0.5`, []string{"text/plain;charset=\"a,b\"", "text/html"}, "text/plain;charset=\"a,b\""},
	{"garbage, text/html", []string{"text/html"}, "text/html"},
	{"*/html", []string{"text/html"}, ""},
	{" , ,text/html", []string{"text/html"}, "text/html"},
}

func TestNegotiate(t *testing.T) {
	for _, tt := range negotiateTests {
		if got := Negotiate(tt.accept, tt.offers...); got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q", tt.accept, tt.offers, got, tt.want)
		}
	}
}

func FuzzNegotiate(f *testing.F) {
	for _, tt := range negotiateTests {
		f.Add(tt.accept, strings.Join(tt.offers, "|"))
	}
	f.Fuzz(func(t *testing.T, accept, offerList string) {
		offers := strings.Split(offerList, "|")
		got := Negotiate(accept, offers...)
		if got != "" && !slices.Contains(offers, got) {
			t.Fatalf("Negotiate(%q, %q) = %q, which is not an offer", accept, offers, got)
		}
	})
}
