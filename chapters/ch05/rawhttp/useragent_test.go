package rawhttp

import (
	"reflect"
	"testing"
)

var parseUserAgentTests = []struct {
	in   string
	want []Product
}{
	{"", nil},
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
	{"Bot (a (nested) comment) (second)", []Product{{Name: "Bot", Comments: []string{"a (nested) comment", "second"}}}},
	{`Bot (escaped \) paren)`, []Product{{Name: "Bot", Comments: []string{"escaped ) paren"}}}},
	{"(orphan comment) Tool/2", []Product{{Name: "Tool", Version: "2"}}},
	{"Tool/1 (never closed", []Product{{Name: "Tool", Version: "1", Comments: []string{"never closed"}}}},
	{"Tool/", []Product{{Name: "Tool"}}},
	{"a/b/c", []Product{{Name: "a", Version: "b"}, {Name: "c"}}},
	{"\"quoted\" x", []Product{{Name: "quoted"}, {Name: "x"}}},
}

func TestParseUserAgent(t *testing.T) {
	for _, tt := range parseUserAgentTests {
		if got := ParseUserAgent(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseUserAgent(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func FuzzParseUserAgent(f *testing.F) {
	for _, tt := range parseUserAgentTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, ua string) {
		for _, p := range ParseUserAgent(ua) {
			if !isToken(p.Name) || (p.Version != "" && !isToken(p.Version)) {
				t.Fatalf("ParseUserAgent(%q) gave product %+v, whose name or version is not a token", ua, p)
			}
		}
	})
}
