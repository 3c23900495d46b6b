package middleware

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

const formType = "application/x-www-form-urlencoded"

func formRequest(body, ct string) *http.Request {
	r := httptest.NewRequest("POST", "/?q=fromquery", strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

// randomForm returns a form of random names and values, some repeated,
// with characters that need escaping.
func randomForm(fields, perField int) url.Values {
	const chars = "abcXYZ019 &=+%;/?é-_.~"
	word := func() string {
		b := make([]rune, rand.IntN(8))
		rs := []rune(chars)
		for i := range b {
			b[i] = rs[rand.IntN(len(rs))]
		}
		return string(b)
	}
	v := url.Values{}
	for i := range fields {
		name := fmt.Sprintf("f%d_%s", i, word())
		for range perField {
			v.Add(name, word())
		}
	}
	return v
}

func TestDecodeFormValid(t *testing.T) {
	want := randomForm(rand.IntN(10)+1, rand.IntN(3)+1)
	for _, ct := range []string{formType, formType + "; charset=utf-8", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"} {
		r := formRequest(want.Encode(), ct)
		got, err := DecodeForm(httptest.NewRecorder(), r, FormOptions{})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Content-Type %q: DecodeForm(%q) = %v, %v; want %v", ct, want.Encode(), got, err, want)
			continue
		}
		if !reflect.DeepEqual(r.PostForm, want) {
			t.Errorf("r.PostForm = %v, want the form", r.PostForm)
		}
		// FormValue must find the body's fields and the query's, without
		// reading the body again.
		for name, vals := range want {
			if got := r.FormValue(name); got != vals[0] {
				t.Errorf("r.FormValue(%q) = %q, want %q", name, got, vals[0])
			}
		}
		if got := r.FormValue("q"); got != "fromquery" {
			t.Errorf("r.FormValue(\"q\") = %q, want the query's value", got)
		}
		if _, ok := got["q"]; ok {
			t.Error("DecodeForm returned the query's field")
		}
	}
}

func TestDecodeFormEdgeCases(t *testing.T) {
	for body, want := range map[string]url.Values{
		"":              {},
		"&&":            {},
		"a":             {"a": {""}},
		"a=":            {"a": {""}},
		"=x":            {"": {"x"}},
		"a=1&a=2&b=+":   {"a": {"1", "2"}, "b": {" "}},
		"a=x%3Dy%26z":   {"a": {"x=y&z"}},
		"%C3%A9=%E2%82": {"é": {"\xe2\x82"}}, // bytes, as net/url gives them
	} {
		got, err := DecodeForm(httptest.NewRecorder(), formRequest(body, formType), FormOptions{})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("DecodeForm(%q) = %v, %v; want %v", body, got, err, want)
		}
	}
}

func TestDecodeFormErrors(t *testing.T) {
	tests := []struct {
		name, body, ct string
		opts           FormOptions
		status         int
		detail         string
	}{
		{"no type", "a=1", "", FormOptions{}, 415, "request has no Content-Type: send " + formType},
		{"json", "a=1", "application/json", FormOptions{}, 415, `Content-Type "application/json" is not accepted: send ` + formType},
		{"multipart", "a=1", "multipart/form-data; boundary=x", FormOptions{}, 415, `Content-Type "multipart/form-data" is not accepted: send ` + formType},
		{"malformed", "a=1", "application/x-www-form-urlencoded; ;", FormOptions{}, 415, "malformed Content-Type: send " + formType},
		{"latin1", "a=1", formType + "; charset=latin1", FormOptions{}, 415, `charset "latin1" is not accepted: send utf-8`},
		{"bad escape name", "a=1&b%zz=2", formType, FormOptions{}, 400, `form pair 2: name: invalid URL escape "%zz"`},
		{"bad escape value", "a=%4", formType, FormOptions{}, 400, `form pair 1: value: invalid URL escape "%4"`},
		{"semicolon", "a=1;b=2", formType, FormOptions{}, 400, "form pair 1: a ';' is not a separator: use '&'"},
		{"bytes", "a=12345", formType, FormOptions{MaxBytes: 4}, 413, "request body larger than 4 bytes"},
		{"values", "a=1&a=2&a=3", formType, FormOptions{MaxValues: 2}, 413, "form has more than 2 values"},
		{"fields", "a=1&b=2&a=3&c=4", formType, FormOptions{MaxFields: 2}, 413, "form has more than 2 fields"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r := formRequest(tt.body, tt.ct)
		vals, err := DecodeForm(w, r, tt.opts)
		var be *BodyError
		if !errors.As(err, &be) || vals != nil {
			t.Errorf("%s: DecodeForm(%q) = %v, %v; want nil and a *BodyError", tt.name, tt.body, vals, err)
			continue
		}
		if be.Status != tt.status || be.Detail != tt.detail {
			t.Errorf("%s: DecodeForm(%q) = %d %q, want %d %q", tt.name, tt.body, be.Status, be.Detail, tt.status, tt.detail)
		}
		if accept := w.Header().Get("Accept"); (tt.status == 415) != (accept == formType) {
			t.Errorf("%s: Accept = %q after a %d", tt.name, accept, tt.status)
		}
		if r.PostForm != nil {
			t.Errorf("%s: r.PostForm set after an error", tt.name)
		}
	}
}

// TestDecodeFormLimits picks random limits and forms just inside and just
// outside them.
func TestDecodeFormLimits(t *testing.T) {
	maxFields := rand.IntN(20) + 1
	maxValues := maxFields * (rand.IntN(3) + 1)
	opts := FormOptions{MaxFields: maxFields, MaxValues: maxValues}
	perField := maxValues / maxFields
	inside := randomForm(maxFields, perField)
	if _, err := DecodeForm(httptest.NewRecorder(), formRequest(inside.Encode(), formType), opts); err != nil {
		t.Errorf("%d fields of %d values with MaxFields %d, MaxValues %d: %v", maxFields, perField, maxFields, maxValues, err)
	}
	tooMany := randomForm(maxFields+1, 1)
	if _, err := DecodeForm(httptest.NewRecorder(), formRequest(tooMany.Encode(), formType), opts); StatusOf(err) != 413 {
		t.Errorf("%d fields with MaxFields %d: %v, want 413", maxFields+1, maxFields, err)
	}
	oneField := randomForm(1, maxValues+1)
	if _, err := DecodeForm(httptest.NewRecorder(), formRequest(oneField.Encode(), formType), opts); StatusOf(err) != 413 {
		t.Errorf("%d values with MaxValues %d: %v, want 413", maxValues+1, maxValues, err)
	}
	// No limits at all.
	many := randomForm(DefaultMaxFormFields+1, 11)
	if _, err := DecodeForm(httptest.NewRecorder(), formRequest(many.Encode(), formType), FormOptions{}); StatusOf(err) != 413 {
		t.Errorf("%d fields with the defaults: %v, want 413", DefaultMaxFormFields+1, err)
	}
	if got, err := DecodeForm(httptest.NewRecorder(), formRequest(many.Encode(), formType), FormOptions{MaxBytes: -1, MaxFields: -1, MaxValues: -1}); err != nil || len(got) != len(many) {
		t.Errorf("negative limits: %d fields, %v; want %d", len(got), err, len(many))
	}

	// A body without a length stops at MaxBytes.
	limit := rand.Int64N(100) + 10
	r := formRequest("", formType)
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader("a=" + strings.Repeat("x", int(limit)))))
	r.ContentLength = -1
	_, err := DecodeForm(httptest.NewRecorder(), r, FormOptions{MaxBytes: limit})
	var tooBig *http.MaxBytesError
	if StatusOf(err) != 413 || !errors.As(err, &tooBig) {
		t.Errorf("chunked body over %d: %v, want 413 wrapping *http.MaxBytesError", limit, err)
	}
	// And a Content-Length over it is refused before reading.
	r = formRequest("a="+strings.Repeat("x", int(limit)), formType)
	counting := &countingReader{r: r.Body}
	r.Body = counting
	if _, err := DecodeForm(httptest.NewRecorder(), r, FormOptions{MaxBytes: limit}); StatusOf(err) != 413 || counting.n != 0 {
		t.Errorf("Content-Length over %d: %v after %d bytes read, want 413 before reading", limit, err, counting.n)
	}
}

func TestDecodeFormReadError(t *testing.T) {
	cause := errors.New("unexpected EOF from the client")
	r := formRequest("", formType)
	r.Body = &failingBody{data: "a=1&b", err: cause}
	r.ContentLength = -1
	_, err := DecodeForm(httptest.NewRecorder(), r, FormOptions{})
	if StatusOf(err) != 400 || !errors.Is(err, cause) || err.Error() != "could not read the request body" {
		t.Errorf("read error: %v", err)
	}
}

func ExampleDecodeForm() {
	body := "name=Ada+Lovelace&lang=go&lang=c"
	r := httptest.NewRequest("POST", "/profile", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	form, err := DecodeForm(httptest.NewRecorder(), r, FormOptions{MaxValues: 10})
	fmt.Println(form.Get("name"), form["lang"], err)
	// Output: Ada Lovelace [go c] <nil>
}
