package rawhttp

import (
	"reflect"
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
		if got := ParseCookies(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseCookies(%q) = %+v, want %+v", tt.in, got, tt.want)
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
		if got := ParseCookies(tt.in); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseCookies(%q) = %+v, want %+v: skip the bad pair (%s) and keep going", tt.in, got, want, tt.why)
		}
	}
}

func TestRequestCookies(t *testing.T) {
	r := &Request{Method: "GET", Header: Header{"Cookie": {"a=1; b=2", "c=3"}}}
	want := []Cookie{{Name: "a", Value: "1"}, {Name: "b", Value: "2"}, {Name: "c", Value: "3"}}
	if got := r.Cookies(); !reflect.DeepEqual(got, want) {
		t.Errorf("Cookies() of a request with Cookie fields %q = %+v, want %+v", r.Header["Cookie"], got, want)
	}
}
