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

const decodeFormType = "application/x-www-form-urlencoded"

func decodeFormRequest(body, ct string) *http.Request {
	r := httptest.NewRequest("POST", "/?q=fromquery", strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

// decodeFormRandom returns a form of fields names, each with perField
// random values that need escaping.
func decodeFormRandom(fields, perField int) url.Values {
	chars := []rune("abcXYZ09 &=+%/?é-_.~")
	word := func() string {
		b := make([]rune, rand.IntN(8))
		for i := range b {
			b[i] = chars[rand.IntN(len(chars))]
		}
		return string(b)
	}
	v := url.Values{}
	for i := range fields {
		name := fmt.Sprintf("f%d_%s", i, word()) // the _ keeps names apart
		for range perField {
			v.Add(name, word())
		}
	}
	return v
}

func decodeFormStatus(err error) (int, string) {
	var be *BodyError
	if errors.As(err, &be) {
		return be.Status, be.Detail
	}
	if err == nil {
		return 0, "<nil>"
	}
	return 0, err.Error()
}

func TestDecodeFormAgreesWithParseQuery(t *testing.T) {
	form := decodeFormRandom(rand.IntN(8)+1, rand.IntN(3)+1)
	body := form.Encode() + "&&" + "empty=&=noname&flag"
	want, _ := url.ParseQuery(body)
	for _, ct := range []string{decodeFormType, decodeFormType + "; charset=UTF-8"} {
		r := decodeFormRequest(body, ct)
		got, err := DecodeForm(httptest.NewRecorder(), r, FormOptions{})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("DecodeForm(%q) = %v, %v; want %v, as url.ParseQuery decodes it", body, got, err, want)
			continue
		}
		if !reflect.DeepEqual(r.PostForm, want) {
			t.Errorf("after DecodeForm, r.PostForm = %v, want the form: r.FormValue would read the body again", r.PostForm)
		}
		if got := r.FormValue("q"); got != "fromquery" {
			t.Errorf("r.FormValue(\"q\") = %q after DecodeForm, want the query's value", got)
		}
		if _, ok := got["q"]; ok {
			t.Errorf("DecodeForm returned the query's field q: return the body's fields only")
		}
	}
}

func TestDecodeFormRefusals(t *testing.T) {
	bad := fmt.Sprintf("%%%c%c", 'g'+rune(rand.IntN(10)), 'z')
	tests := []struct {
		body, ct string
		status   int
		detail   string
	}{
		{"a=1", "", 415, "request has no Content-Type: send " + decodeFormType},
		{"a=1", "application/json", 415, `Content-Type "application/json" is not accepted: send ` + decodeFormType},
		{"a=1", "multipart/form-data; boundary=x", 415, `Content-Type "multipart/form-data" is not accepted: send ` + decodeFormType},
		{"a=1", decodeFormType + "; charset=latin1", 415, `charset "latin1" is not accepted: send utf-8`},
		{"a=1&b" + bad + "=2", decodeFormType, 400, fmt.Sprintf("form pair 2: name: invalid URL escape %q", bad)},
		{"a=1&&c=" + bad, decodeFormType, 400, fmt.Sprintf("form pair 2: value: invalid URL escape %q", bad)},
		{"a=1;b=2", decodeFormType, 400, "form pair 1: a ';' is not a separator: use '&'"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r := decodeFormRequest(tt.body, tt.ct)
		got, err := DecodeForm(w, r, FormOptions{})
		if status, detail := decodeFormStatus(err); status != tt.status || detail != tt.detail || got != nil {
			t.Errorf("DecodeForm(%q), Content-Type %q = %v, %d %q; want nil and a *BodyError %d %q", tt.body, tt.ct, got, status, detail, tt.status, tt.detail)
		}
		if accept := w.Header().Get("Accept"); tt.status == 415 && accept != decodeFormType {
			t.Errorf("Content-Type %q: Accept header %q, want %q", tt.ct, accept, decodeFormType)
		}
	}
}

func TestDecodeFormLimits(t *testing.T) {
	maxFields := rand.IntN(10) + 2
	maxValues := maxFields * (rand.IntN(3) + 1)
	opts := FormOptions{MaxFields: maxFields, MaxValues: maxValues}
	inside := decodeFormRandom(maxFields, maxValues/maxFields)
	if _, err := DecodeForm(httptest.NewRecorder(), decodeFormRequest(inside.Encode(), decodeFormType), opts); err != nil {
		t.Errorf("%d fields and %d values with MaxFields %d, MaxValues %d: %v, want them accepted", maxFields, maxValues, maxFields, maxValues, err)
	}
	for _, tt := range []struct {
		form   url.Values
		opts   FormOptions
		detail string
	}{
		{decodeFormRandom(maxFields+1, 1), FormOptions{MaxFields: maxFields, MaxValues: -1}, fmt.Sprintf("form has more than %d fields", maxFields)},
		{decodeFormRandom(1, maxValues+1), opts, fmt.Sprintf("form has more than %d values", maxValues)},
	} {
		_, err := DecodeForm(httptest.NewRecorder(), decodeFormRequest(tt.form.Encode(), decodeFormType), tt.opts)
		if status, detail := decodeFormStatus(err); status != 413 || detail != tt.detail {
			t.Errorf("DecodeForm(%q) with %+v = %d %q, want 413 %q", tt.form.Encode(), tt.opts, status, detail, tt.detail)
		}
	}
	// The defaults, and negative limits for none.
	many := decodeFormRandom(DefaultMaxFormFields+1, 1)
	if status, _ := decodeFormStatus(func() error {
		_, err := DecodeForm(httptest.NewRecorder(), decodeFormRequest(many.Encode(), decodeFormType), FormOptions{})
		return err
	}()); status != 413 {
		t.Errorf("%d fields with FormOptions{}: status %d, want 413 (DefaultMaxFormFields is %d)", len(many), status, DefaultMaxFormFields)
	}
	if got, err := DecodeForm(httptest.NewRecorder(), decodeFormRequest(many.Encode(), decodeFormType), FormOptions{MaxFields: -1, MaxValues: -1, MaxBytes: -1}); err != nil || len(got) != len(many) {
		t.Errorf("%d fields with negative limits: %d fields, %v; want no limit", len(many), len(got), err)
	}
	// Bytes: by Content-Length and by reading.
	limit := rand.Int64N(100) + 10
	body := "a=" + strings.Repeat("x", int(limit))
	want := fmt.Sprintf("request body larger than %d bytes", limit)
	_, err := DecodeForm(httptest.NewRecorder(), decodeFormRequest(body, decodeFormType), FormOptions{MaxBytes: limit})
	if status, detail := decodeFormStatus(err); status != 413 || detail != want {
		t.Errorf("Content-Length %d, MaxBytes %d: %d %q, want 413 %q", len(body), limit, status, detail, want)
	}
	r := decodeFormRequest("", decodeFormType)
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(body)))
	r.ContentLength = -1
	_, err = DecodeForm(httptest.NewRecorder(), r, FormOptions{MaxBytes: limit})
	var tooBig *http.MaxBytesError
	if status, detail := decodeFormStatus(err); status != 413 || detail != want || !errors.As(err, &tooBig) {
		t.Errorf("a chunked body over MaxBytes %d: %d %q, want 413 %q wrapping *http.MaxBytesError", limit, status, detail, want)
	}
}
