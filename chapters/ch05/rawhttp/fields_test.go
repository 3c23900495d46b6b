package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestReadHeader(t *testing.T) {
	many := strings.Repeat("X-A: 1\r\n", 101)
	tests := []struct {
		in   string
		lim  Limits
		want Header
		err  error
	}{
		{"Host: example.com\r\n\r\n", Limits{}, Header{"Host": {"example.com"}}, nil},
		{"\r\n", Limits{}, Header{}, nil},
		{"content-TYPE:  text/plain \t\r\n\r\n", Limits{}, Header{"Content-Type": {"text/plain"}}, nil},
		{"Accept: a\r\naccept: b\r\n\r\n", Limits{}, Header{"Accept": {"a", "b"}}, nil},
		{"X-Empty:\r\n\r\n", Limits{}, Header{"X-Empty": {""}}, nil},
		{"X-Colons: a:b:c\r\n\r\n", Limits{}, Header{"X-Colons": {"a:b:c"}}, nil},
		{"X-Utf8: caf\xc3\xa9\r\n\r\n", Limits{}, Header{"X-Utf8": {"caf\xc3\xa9"}}, nil},
		{"X-Inner:  a  b \r\n\r\n", Limits{}, Header{"X-Inner": {"a  b"}}, nil},
		{"Host : example.com\r\n\r\n", Limits{}, nil, ErrMalformed},
		{" Host: example.com\r\n\r\n", Limits{}, nil, ErrMalformed},
		{"A: 1\r\n folded\r\n\r\n", Limits{}, nil, ErrMalformed},
		{"NoColon\r\n\r\n", Limits{}, nil, ErrMalformed},
		{": empty name\r\n\r\n", Limits{}, nil, ErrMalformed},
		{"X-Bad: a\rb\r\n\r\n", Limits{}, nil, ErrMalformed},
		{"X-Nul: a\x00b\r\n\r\n", Limits{}, nil, ErrMalformed},
		{"X-Lf: a\nX-Evil: b\r\n\r\n", Limits{}, nil, ErrMalformed},
		{"X-A: 1\r\n", Limits{}, nil, io.ErrUnexpectedEOF},
		{"X-Long: " + strings.Repeat("a", 100) + "\r\n\r\n", Limits{FieldLine: 64}, nil, ErrHeaderTooLarge},
		{many + "\r\n", Limits{}, nil, ErrHeaderTooLarge},
		{strings.Repeat("X-A: 1\r\n", 5) + "\r\n", Limits{Fields: 4}, nil, ErrHeaderTooLarge},
		{strings.Repeat("X-A: 1\r\n", 4) + "\r\n", Limits{Fields: 4}, Header{"X-A": {"1", "1", "1", "1"}}, nil},
		{strings.Repeat("X-A: 1\r\n", 10) + "\r\n", Limits{HeaderBytes: 50}, nil, ErrHeaderTooLarge},
		{strings.Repeat("X-A: 1\r\n", 6) + "\r\n", Limits{HeaderBytes: 50}, Header{"X-A": {"1", "1", "1", "1", "1", "1"}}, nil},
	}
	for _, tt := range tests {
		got, err := readHeader(bufio.NewReader(strings.NewReader(tt.in)), tt.lim.withDefaults())
		if !reflect.DeepEqual(got, tt.want) || !errors.Is(err, tt.err) {
			t.Errorf("readHeader(%q, %+v) = %v, %v, want %v, %v", tt.in, tt.lim, got, err, tt.want, tt.err)
		}
	}
}

func TestHeaderMethods(t *testing.T) {
	h := Header{}
	h.Add("content-type", "text/html")
	h.Add("SET-COOKIE", "a=1")
	h.Add("set-cookie", "b=2")
	if got := h.Get("Content-Type"); got != "text/html" {
		t.Errorf("Get(Content-Type) = %q, want %q", got, "text/html")
	}
	if got := h.Values("Set-Cookie"); !reflect.DeepEqual(got, []string{"a=1", "b=2"}) {
		t.Errorf("Values(Set-Cookie) = %q, want [a=1 b=2]", got)
	}
	h.Set("SET-cookie", "c=3")
	if got := fmt.Sprint(h["Set-Cookie"]); got != "[c=3]" {
		t.Errorf("after Set, Set-Cookie = %s, want [c=3]", got)
	}
	h.Del("content-type")
	if got := h.Get("Content-Type"); got != "" {
		t.Errorf("after Del, Get(Content-Type) = %q, want empty", got)
	}
}
