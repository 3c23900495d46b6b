package middleware

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// decodeJSONRequest returns a POST with body and Content-Type ct (no
// Content-Type when ct is empty).
func decodeJSONRequest(body, ct string) *http.Request {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

type decodeJSONPerson struct {
	Name string   `json:"name"`
	Age  int      `json:"age"`
	Tags []string `json:"tags"`
	Home struct {
		Zip uint16 `json:"zip"`
	} `json:"home"`
}

// decodeJSONStatus returns the status and detail of err when it is a
// *BodyError, and 0 and its text otherwise.
func decodeJSONStatus(err error) (int, string) {
	var be *BodyError
	if errors.As(err, &be) {
		return be.Status, be.Detail
	}
	if err == nil {
		return 0, "<nil>"
	}
	return 0, err.Error()
}

func TestDecodeJSONDecodes(t *testing.T) {
	name := fmt.Sprintf("n%d", rand.IntN(1e6))
	age, zip := rand.IntN(120), rand.IntN(65536)
	body := fmt.Sprintf(`{"name":%q,"age":%d,"tags":["a"],"home":{"zip":%d}}`, name, age, zip)
	for _, ct := range []string{"application/json", "application/json; charset=UTF-8", "application/merge-patch+json"} {
		var p decodeJSONPerson
		err := DecodeJSON(httptest.NewRecorder(), decodeJSONRequest(body, ct), &p, JSONOptions{})
		if err != nil || p.Name != name || p.Age != age || int(p.Home.Zip) != zip {
			t.Errorf("DecodeJSON(%s) with Content-Type %q = %v, decoded %+v", body, ct, err, p)
		}
	}
}

func TestDecodeJSONChecksContentType(t *testing.T) {
	for ct, detail := range map[string]string{
		"":                                    "request has no Content-Type: send application/json",
		"text/plain":                          `Content-Type "text/plain" is not JSON: send application/json`,
		"application/x-www-form-urlencoded":   `Content-Type "application/x-www-form-urlencoded" is not JSON: send application/json`,
		"application/json; =":                 "malformed Content-Type: send application/json",
		"application/json; charset=latin1":    `charset "latin1" is not accepted: JSON is utf-8`,
		"application/problem+json; charset=x": `charset "x" is not accepted: JSON is utf-8`,
	} {
		w := httptest.NewRecorder()
		err := DecodeJSON(w, decodeJSONRequest(`{}`, ct), new(decodeJSONPerson), JSONOptions{})
		if status, got := decodeJSONStatus(err); status != 415 || got != detail {
			t.Errorf("Content-Type %q: DecodeJSON = %d %q, want a *BodyError 415 %q", ct, status, got, detail)
		}
		if got := w.Header().Get("Accept"); got != "application/json" {
			t.Errorf("Content-Type %q: Accept header %q, want application/json: tell the client what to send", ct, got)
		}
	}
}

func TestDecodeJSONLimitsTheBody(t *testing.T) {
	limit := rand.Int64N(500) + 20
	fits := `"` + strings.Repeat("a", int(limit)-2) + `"`
	over := `"` + strings.Repeat("a", int(limit)-1) + `"`
	var s string
	if err := DecodeJSON(httptest.NewRecorder(), decodeJSONRequest(fits, "application/json"), &s, JSONOptions{MaxBytes: limit}); err != nil {
		t.Errorf("a body of exactly MaxBytes=%d bytes: %v, want it accepted", limit, err)
	}
	// By Content-Length: refused before reading anything.
	r := decodeJSONRequest(over, "application/json")
	read := &decodeJSONCounter{r: r.Body}
	r.Body = read
	err := DecodeJSON(httptest.NewRecorder(), r, &s, JSONOptions{MaxBytes: limit})
	want := fmt.Sprintf("request body larger than %d bytes", limit)
	if status, got := decodeJSONStatus(err); status != 413 || got != want || read.n != 0 {
		t.Errorf("Content-Length %d, MaxBytes %d: %d %q after reading %d bytes; want 413 %q before reading", len(over), limit, status, got, read.n, want)
	}
	// Without a length: stopped by the reader.
	r = decodeJSONRequest("", "application/json")
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(over)))
	r.ContentLength = -1
	err = DecodeJSON(httptest.NewRecorder(), r, &s, JSONOptions{MaxBytes: limit})
	var tooBig *http.MaxBytesError
	if status, got := decodeJSONStatus(err); status != 413 || got != want || !errors.As(err, &tooBig) {
		t.Errorf("a chunked body over MaxBytes %d: %d %q; want 413 %q wrapping the *http.MaxBytesError", limit, status, got, want)
	}
	// The default is 1 MiB; negative is no limit.
	big := `"` + strings.Repeat("b", DefaultMaxJSONBytes) + `"`
	if status, _ := decodeJSONStatus(DecodeJSON(httptest.NewRecorder(), decodeJSONRequest(big, "application/json"), &s, JSONOptions{})); status != 413 {
		t.Errorf("%d bytes with MaxBytes 0: status %d, want 413 (the default limit is DefaultMaxJSONBytes)", len(big), status)
	}
	if err := DecodeJSON(httptest.NewRecorder(), decodeJSONRequest(big, "application/json"), &s, JSONOptions{MaxBytes: -1}); err != nil {
		t.Errorf("%d bytes with MaxBytes -1: %v, want no limit", len(big), err)
	}
}

type decodeJSONCounter struct {
	r io.ReadCloser
	n int
}

func (c *decodeJSONCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *decodeJSONCounter) Close() error { return c.r.Close() }

func TestDecodeJSONSaysWhatIsWrong(t *testing.T) {
	pad := strings.Repeat(" ", rand.IntN(10))
	big := 65536 + rand.IntN(1000)
	tests := []struct{ body, detail string }{
		{pad, "request body is empty: want a JSON value"},
		{`{"name":"a`, "request body ends in the middle of a JSON value"},
		{pad + `{"name":"a",}`, fmt.Sprintf("request body is not valid JSON: invalid character '}' looking for beginning of object key string (at byte %d)", len(pad)+13)},
		{`{"age":"7"}`, `field "age": want number, got string`},
		{`{"name":7}`, `field "name": want string, got number`},
		{`{"tags":false}`, `field "tags": want array, got boolean`},
		{`{"home":[]}`, `field "home": want object, got array`},
		{fmt.Sprintf(`{"home":{"zip":%d}}`, big), fmt.Sprintf(`field "home.zip": %d is out of range for uint16`, big)},
		{`{"age":2.5}`, `field "age": want an integer, got 2.5`},
		{`"x"`, `request body: want object, got string`},
	}
	for _, tt := range tests {
		err := DecodeJSON(httptest.NewRecorder(), decodeJSONRequest(tt.body, "application/json"), new(decodeJSONPerson), JSONOptions{})
		if status, got := decodeJSONStatus(err); status != 400 || got != tt.detail {
			t.Errorf("DecodeJSON(%q) = %d %q, want a *BodyError 400 %q", tt.body, status, got, tt.detail)
		}
	}
}

// decodeJSONFailing returns data, then err.
type decodeJSONFailing struct {
	data string
	err  error
}

func (f *decodeJSONFailing) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func (f *decodeJSONFailing) Close() error { return nil }

func TestDecodeJSONReadErrorsAndBugs(t *testing.T) {
	cause := fmt.Errorf("connection reset %d", rand.IntN(1000))
	r := decodeJSONRequest("", "application/json")
	r.Body = &decodeJSONFailing{data: `{"name":`, err: cause}
	r.ContentLength = -1
	err := DecodeJSON(httptest.NewRecorder(), r, new(decodeJSONPerson), JSONOptions{})
	if status, got := decodeJSONStatus(err); status != 400 || got != "could not read the request body" || !errors.Is(err, cause) {
		t.Errorf("a read error: %d %q, want 400 \"could not read the request body\" wrapping the read error (readErrors remembers it)", status, got)
	}
	err = DecodeJSON(httptest.NewRecorder(), decodeJSONRequest(`{}`, "application/json"), decodeJSONPerson{}, JSONOptions{})
	var be *BodyError
	if err == nil || errors.As(err, &be) {
		t.Errorf("dst not a pointer: %v, want the *json.InvalidUnmarshalError itself: it is the program's bug, not the client's", err)
	}
}
