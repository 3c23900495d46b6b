package rawhttp

import (
	"reflect"
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
		if got := ParseUserAgent(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseUserAgent(%q) =\n%+v\nwant\n%+v", tt.in, got, tt.want)
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
		if got := ParseUserAgent(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseUserAgent(%q) =\n%+v\nwant\n%+v\n(%s)", tt.in, got, tt.want, tt.why)
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
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseUserAgent(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ParseUserAgent(%q) had not returned after 5s: every turn of the loop must move forward", tt.in)
		}
	}
}
