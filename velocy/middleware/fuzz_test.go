package middleware

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecodeJSON checks DecodeJSON against encoding/json: whatever it
// accepts is one valid JSON value that json.Unmarshal decodes to the same
// thing, whatever valid JSON fits the limit it accepts, and every refusal
// is a *BodyError with a client status.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{}`, `[]`, `null`, `1`, `"x"`, ` {"a":[1,2,{"b":null}]} `, `{"a":1}{}`,
		`{"a":1,}`, `{"a`, ``, " \n", `1 2`, `"\ud800"`, `{"a":1e400}`, "\xff",
		`{"name":"x","age":1}`, `{"age":"1"}`,
	} {
		f.Add([]byte(seed), uint16(64), false)
		f.Add([]byte(seed), uint16(4), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, limit uint16, chunked bool) {
		max := int64(limit) + 1
		request := func() *http.Request {
			r := httptest.NewRequest("POST", "/", strings.NewReader(string(body)))
			if chunked {
				r.Body = io.NopCloser(io.MultiReader(strings.NewReader(string(body))))
				r.ContentLength = -1
			}
			r.Header.Set("Content-Type", "application/json")
			return r
		}
		fits := int64(len(body)) <= max
		var want any
		stdErr := json.Unmarshal(body, &want)
		valid := stdErr == nil

		var got any
		err := DecodeJSON(httptest.NewRecorder(), request(), &got, JSONOptions{MaxBytes: max})
		if err == nil {
			if !fits || !valid || !json.Valid(body) || !reflect.DeepEqual(got, want) {
				t.Fatalf("DecodeJSON(%q, MaxBytes %d) accepted %#v; fits %v, json.Unmarshal %#v, %v", body, max, got, fits, want, stdErr)
			}
		} else {
			var be *BodyError
			if !errors.As(err, &be) || be.Detail == "" || be.Detail != err.Error() {
				t.Fatalf("DecodeJSON(%q) = %v (%T), want a *BodyError with a detail", body, err, err)
			}
			switch {
			case be.Status == 413:
				if fits {
					t.Fatalf("DecodeJSON(%q): 413 for %d bytes with MaxBytes %d", body, len(body), max)
				}
			case be.Status != 400:
				t.Fatalf("DecodeJSON(%q): status %d", body, be.Status)
			case fits && valid:
				t.Fatalf("DecodeJSON(%q) refused valid JSON that fits: %v", body, err)
			case !fits && !chunked:
				t.Fatalf("DecodeJSON(%q): %v, want 413 from the Content-Length", body, err)
			}
		}

		// Strict decoding into a struct agrees with a strict json.Decoder.
		type strict struct {
			Name string `json:"name"`
			Age  int    `json:"age"`
			Tags []int  `json:"tags"`
		}
		var mine strict
		err = DecodeJSON(httptest.NewRecorder(), request(), &mine, JSONOptions{MaxBytes: max, DisallowUnknownFields: true})
		var theirs strict
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		stdErr = dec.Decode(&theirs)
		if stdErr == nil {
			if _, tokErr := dec.Token(); tokErr != io.EOF {
				stdErr = errors.New("more than one value")
			}
		}
		if fits && (err == nil) != (stdErr == nil) {
			t.Fatalf("strict DecodeJSON(%q) = %v, a strict json.Decoder %v", body, err, stdErr)
		}
		if err == nil && !reflect.DeepEqual(mine, theirs) {
			t.Fatalf("strict DecodeJSON(%q) = %+v, json.Decoder %+v", body, mine, theirs)
		}
		if err != nil && StatusOf(err) != 400 && StatusOf(err) != 413 {
			t.Fatalf("strict DecodeJSON(%q): status %d", body, StatusOf(err))
		}
	})
}

// FuzzDecodeForm checks DecodeForm against url.ParseQuery: on a form both
// accept they agree, a form ParseQuery accepts within the limits is
// accepted, and a 400 is a form ParseQuery refuses too.
func FuzzDecodeForm(f *testing.F) {
	for _, seed := range []string{
		"", "a=1", "a=1&b=2&a=3", "&&a", "=", "a=%zz", "a;b", "a=1;", "%=x", "a+b=c+d",
		"x=%C3%A9&y=%e2%82%ac", "a=b=c", "&=&=&",
	} {
		f.Add(seed, uint8(3), uint8(5))
	}
	f.Fuzz(func(t *testing.T, body string, maxFields, maxValues uint8) {
		if strings.Count(body, "&") >= 1000 {
			return // url.ParseQuery has a limit of its own
		}
		opts := FormOptions{MaxFields: int(maxFields) + 1, MaxValues: int(maxValues) + 1}
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		got, err := DecodeForm(httptest.NewRecorder(), r, opts)
		want, stdErr := url.ParseQuery(body)
		values := 0
		for _, vs := range want {
			values += len(vs)
		}
		within := len(want) <= opts.MaxFields && values <= opts.MaxValues
		if err == nil {
			if stdErr != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("DecodeForm(%q) = %v; url.ParseQuery = %v, %v", body, got, want, stdErr)
			}
			if !within {
				t.Fatalf("DecodeForm(%q) accepted %d fields, %d values over the limits %+v", body, len(got), values, opts)
			}
			return
		}
		var be *BodyError
		if !errors.As(err, &be) || be.Detail == "" {
			t.Fatalf("DecodeForm(%q) = %v (%T), want a *BodyError", body, err, err)
		}
		switch be.Status {
		case 400:
			if stdErr == nil {
				t.Fatalf("DecodeForm(%q): 400 %v, but url.ParseQuery accepts it", body, err)
			}
		case 413:
			if stdErr == nil && within {
				t.Fatalf("DecodeForm(%q): 413 %v within the limits %+v", body, err, opts)
			}
		default:
			t.Fatalf("DecodeForm(%q): status %d", body, be.Status)
		}
	})
}
