package middleware

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// jsonRequest returns a POST request with body and Content-Type ct (none
// when ct is empty).
func jsonRequest(body, ct string) *http.Request {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

type bodyPerson struct {
	Name    string   `json:"name"`
	Age     int      `json:"age"`
	Tags    []string `json:"tags"`
	Address struct {
		City string `json:"city"`
		Zip  uint16 `json:"zip"`
	} `json:"address"`
}

func TestDecodeJSONValid(t *testing.T) {
	name := fmt.Sprintf("n%d", rand.IntN(1e6))
	age := rand.IntN(120)
	zip := rand.IntN(65536)
	body := fmt.Sprintf(`{"name":%q,"age":%d,"tags":["a","b"],"address":{"city":"X","zip":%d}}`, name, age, zip)
	for _, ct := range []string{
		"application/json",
		"application/json; charset=utf-8",
		"Application/JSON; charset=UTF-8",
		"application/merge-patch+json",
		"application/vnd.api+json",
	} {
		var p bodyPerson
		w := httptest.NewRecorder()
		if err := DecodeJSON(w, jsonRequest(" \n"+body+"\n ", ct), &p, JSONOptions{DisallowUnknownFields: true}); err != nil {
			t.Errorf("Content-Type %q: %v", ct, err)
			continue
		}
		if p.Name != name || p.Age != age || int(p.Address.Zip) != zip || len(p.Tags) != 2 {
			t.Errorf("Content-Type %q: decoded %+v from %s", ct, p, body)
		}
		if w.Header().Get("Accept") != "" {
			t.Errorf("Content-Type %q: DecodeJSON set Accept on success", ct)
		}
	}
}

// TestDecodeJSONErrors pins each refusal: its status and a detail that
// names the problem.
func TestDecodeJSONErrors(t *testing.T) {
	field := fmt.Sprintf("f%d", rand.IntN(1e6))
	tests := []struct {
		name, body, ct string
		opts           JSONOptions
		status         int
		detail         string
	}{
		{"no content type", `{}`, "", JSONOptions{}, 415, "request has no Content-Type: send application/json"},
		{"text", `{}`, "text/plain", JSONOptions{}, 415, `Content-Type "text/plain" is not JSON: send application/json`},
		{"form", `{}`, "application/x-www-form-urlencoded", JSONOptions{}, 415, `Content-Type "application/x-www-form-urlencoded" is not JSON: send application/json`},
		{"json suffix elsewhere", `{}`, "text/x+json", JSONOptions{}, 415, `Content-Type "text/x+json" is not JSON: send application/json`},
		{"malformed", `{}`, "application/json; =", JSONOptions{}, 415, "malformed Content-Type: send application/json"},
		{"latin1", `{}`, "application/json; charset=iso-8859-1", JSONOptions{}, 415, `charset "iso-8859-1" is not accepted: JSON is utf-8`},
		{"empty", ``, "application/json", JSONOptions{}, 400, "request body is empty: want a JSON value"},
		{"blank", " \t\r\n", "application/json", JSONOptions{}, 400, "request body is empty: want a JSON value"},
		{"cut", `{"name":"a`, "application/json", JSONOptions{}, 400, "request body ends in the middle of a JSON value"},
		{"syntax", `{"name":"a",}`, "application/json", JSONOptions{}, 400, "request body is not valid JSON: invalid character '}' looking for beginning of object key string (at byte 13)"},
		{"string for number", `{"age":"7"}`, "application/json", JSONOptions{}, 400, `field "age": want number, got string`},
		{"number for string", `{"name":7}`, "application/json", JSONOptions{}, 400, `field "name": want string, got number`},
		{"bool for array", `{"tags":true}`, "application/json", JSONOptions{}, 400, `field "tags": want array, got boolean`},
		{"nested", `{"address":{"zip":"x"}}`, "application/json", JSONOptions{}, 400, `field "address.zip": want number, got string`},
		{"out of range", `{"address":{"zip":70000}}`, "application/json", JSONOptions{}, 400, `field "address.zip": 70000 is out of range for uint16`},
		{"fraction", `{"age":1.5}`, "application/json", JSONOptions{}, 400, `field "age": want an integer, got 1.5`},
		{"array for object", `[]`, "application/json", JSONOptions{}, 400, `request body: want object, got array`},
		{"unknown", `{"` + field + `":1}`, "application/json", JSONOptions{DisallowUnknownFields: true}, 400, `unknown field "` + field + `"`},
		{"two values", `{} {}`, "application/json", JSONOptions{}, 400, "request body holds more than one JSON value: unexpected data after byte 2"},
		{"trailing garbage", `{"age":1}x`, "application/json", JSONOptions{}, 400, "request body holds more than one JSON value: unexpected data after byte 9"},
		{"trailing bracket", `{}]`, "application/json", JSONOptions{}, 400, "request body holds more than one JSON value: unexpected data after byte 2"},
		{"too large", `{"name":"abcdefghij"}`, "application/json", JSONOptions{MaxBytes: 10}, 413, "request body larger than 10 bytes"},
	}
	for _, tt := range tests {
		var p bodyPerson
		w := httptest.NewRecorder()
		err := DecodeJSON(w, jsonRequest(tt.body, tt.ct), &p, tt.opts)
		var be *BodyError
		if !errors.As(err, &be) {
			t.Errorf("%s: DecodeJSON(%q) = %v, want a *BodyError", tt.name, tt.body, err)
			continue
		}
		if be.Status != tt.status || be.Detail != tt.detail || err.Error() != tt.detail || StatusOf(err) != tt.status {
			t.Errorf("%s: DecodeJSON(%q) = %d %q, want %d %q", tt.name, tt.body, be.Status, be.Detail, tt.status, tt.detail)
		}
		if accept := w.Header().Get("Accept"); (tt.status == 415) != (accept == "application/json") {
			t.Errorf("%s: Accept = %q after a %d", tt.name, accept, tt.status)
		}
	}
}

// TestDecodeJSONUnknownFieldsAllowed: without the option, extra members are
// ignored, as encoding/json does.
func TestDecodeJSONUnknownFieldsAllowed(t *testing.T) {
	var p bodyPerson
	if err := DecodeJSON(httptest.NewRecorder(), jsonRequest(`{"extra":[1,2],"age":3}`, "application/json"), &p, JSONOptions{}); err != nil || p.Age != 3 {
		t.Errorf("DecodeJSON with an unknown field and no option: %v, age %d", err, p.Age)
	}
}

// TestDecodeJSONLimits checks the limit both ways: announced by
// Content-Length (nothing read) and found while reading a body without one.
func TestDecodeJSONLimits(t *testing.T) {
	limit := rand.Int64N(500) + 20
	fits := `"` + strings.Repeat("a", int(limit)-2) + `"`
	over := `"` + strings.Repeat("a", int(limit)-1) + `"`

	var s string
	if err := DecodeJSON(httptest.NewRecorder(), jsonRequest(fits, "application/json"), &s, JSONOptions{MaxBytes: limit}); err != nil {
		t.Errorf("a body of exactly MaxBytes=%d: %v", limit, err)
	}

	r := jsonRequest(over, "application/json")
	counting := &countingReader{r: r.Body}
	r.Body = counting
	err := DecodeJSON(httptest.NewRecorder(), r, &s, JSONOptions{MaxBytes: limit})
	if StatusOf(err) != 413 || counting.n != 0 {
		t.Errorf("Content-Length %d > MaxBytes %d: %v after reading %d bytes, want a 413 before reading", len(over), limit, err, counting.n)
	}

	r = jsonRequest("", "application/json")
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(over)))
	r.ContentLength = -1
	err = DecodeJSON(httptest.NewRecorder(), r, &s, JSONOptions{MaxBytes: limit})
	var tooBig *http.MaxBytesError
	if StatusOf(err) != 413 || !errors.As(err, &tooBig) || tooBig.Limit != limit {
		t.Errorf("chunked body over MaxBytes %d: %v, want a 413 wrapping *http.MaxBytesError", limit, err)
	}

	// Trailing data past the limit is a 413 too.
	r = jsonRequest("", "application/json")
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(`1 `), strings.NewReader(over)))
	r.ContentLength = -1
	if err := DecodeJSON(httptest.NewRecorder(), r, new(int), JSONOptions{MaxBytes: limit}); StatusOf(err) != 413 {
		t.Errorf("one value then data past the limit: %v, want 413", err)
	}

	// The default is 1 MiB; a negative MaxBytes is no limit.
	big := `"` + strings.Repeat("b", DefaultMaxJSONBytes) + `"`
	if err := DecodeJSON(httptest.NewRecorder(), jsonRequest(big, "application/json"), &s, JSONOptions{}); StatusOf(err) != 413 {
		t.Errorf("%d bytes with the default limit: %v, want 413", len(big), err)
	}
	if err := DecodeJSON(httptest.NewRecorder(), jsonRequest(big, "application/json"), &s, JSONOptions{MaxBytes: -1}); err != nil || len(s) != DefaultMaxJSONBytes {
		t.Errorf("%d bytes with MaxBytes -1: %v, want no limit", len(big), err)
	}
}

type countingReader struct {
	r io.ReadCloser
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *countingReader) Close() error { return c.r.Close() }

// failingBody returns data, then err.
type failingBody struct {
	data string
	err  error
}

func (f *failingBody) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func (f *failingBody) Close() error { return nil }

func TestDecodeJSONReadError(t *testing.T) {
	cause := errors.New("connection reset by peer")
	for _, data := range []string{``, `{"name":`, `{} `} {
		r := jsonRequest("", "application/json")
		r.Body = &failingBody{data: data, err: cause}
		r.ContentLength = -1
		err := DecodeJSON(httptest.NewRecorder(), r, new(bodyPerson), JSONOptions{})
		var be *BodyError
		if !errors.As(err, &be) || be.Status != 400 || be.Detail != "could not read the request body" || !errors.Is(err, cause) {
			t.Errorf("read error after %q: %v, want a 400 that wraps the read error", data, err)
		}
	}
}

// bodyDate refuses anything but YYYY-MM-DD; bodyTeapot refuses with a
// status of its own.
type bodyDate struct{ t time.Time }

func (d *bodyDate) UnmarshalText(b []byte) error {
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return fmt.Errorf("date %q is not YYYY-MM-DD", b)
	}
	d.t = t
	return nil
}

type bodyTeapot struct{}

func (*bodyTeapot) UnmarshalJSON([]byte) error {
	return &BodyError{Status: http.StatusTeapot, Detail: "short and stout"}
}

func TestDecodeJSONMethodErrors(t *testing.T) {
	var v struct {
		When bodyDate `json:"when"`
	}
	err := DecodeJSON(httptest.NewRecorder(), jsonRequest(`{"when":"2024-13-45"}`, "application/json"), &v, JSONOptions{})
	if StatusOf(err) != 400 || err.Error() != `invalid value in request body: date "2024-13-45" is not YYYY-MM-DD` {
		t.Errorf("UnmarshalText error: %d %v", StatusOf(err), err)
	}
	err = DecodeJSON(httptest.NewRecorder(), jsonRequest(`{"when":5}`, "application/json"), &v, JSONOptions{})
	if err == nil || err.Error() != `field "when": want string, got number` {
		t.Errorf("number for a TextUnmarshaler: %v", err)
	}
	var tp struct {
		T bodyTeapot `json:"t"`
	}
	err = DecodeJSON(httptest.NewRecorder(), jsonRequest(`{"t":1}`, "application/json"), &tp, JSONOptions{})
	if StatusOf(err) != http.StatusTeapot {
		t.Errorf("UnmarshalJSON with a status of its own: %d %v", StatusOf(err), err)
	}
}

func TestDecodeJSONProgramErrors(t *testing.T) {
	var p bodyPerson
	err := DecodeJSON(httptest.NewRecorder(), jsonRequest(`{}`, "application/json"), p, JSONOptions{})
	var be *BodyError
	var inv *json.InvalidUnmarshalError
	if errors.As(err, &be) || !errors.As(err, &inv) || StatusOf(err) != 500 {
		t.Errorf("dst not a pointer: %v, want the *json.InvalidUnmarshalError (a 500)", err)
	}
}

// TestDecodeJSONDoesNotReplaceBody: DecodeJSON limits its own reads, not
// r.Body for later code.
func TestDecodeJSONDoesNotReplaceBody(t *testing.T) {
	r := jsonRequest(`{}`, "application/json")
	before := r.Body
	DecodeJSON(httptest.NewRecorder(), r, new(bodyPerson), JSONOptions{})
	if r.Body != before {
		t.Error("DecodeJSON replaced r.Body")
	}
}

// TestDecodeJSONOverNetwork decodes through a real server, with the body
// sent chunked and closed early, and over the limit.
func TestDecodeJSONOverNetwork(t *testing.T) {
	limit := rand.Int64N(1000) + 100
	srv := httptest.NewServer(HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var v map[string]any
		if err := DecodeJSON(w, r, &v, JSONOptions{MaxBytes: limit}); err != nil {
			return err
		}
		return json.NewEncoder(w).Encode(len(v))
	}))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second
	post := func(body io.Reader) (*http.Response, Problem) {
		resp, err := client.Post(srv.URL, "application/json", body)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var p Problem
		if resp.Header.Get("Content-Type") == "application/problem+json" {
			json.NewDecoder(resp.Body).Decode(&p)
		}
		return resp, p
	}
	resp, _ := post(io.MultiReader(strings.NewReader(`{"a":1,"b":2}`)))
	if resp.StatusCode != 200 {
		t.Errorf("small chunked body: %d", resp.StatusCode)
	}
	over := `{"a":"` + strings.Repeat("x", int(limit)) + `"}`
	resp, p := post(io.MultiReader(strings.NewReader(over)))
	if want := fmt.Sprintf("request body larger than %d bytes", limit); resp.StatusCode != 413 || p.Detail != want || !resp.Close {
		t.Errorf("chunked body over %d: %d %+v close=%v, want 413 %q and the connection closed", limit, resp.StatusCode, p, resp.Close, want)
	}
	resp, p = post(strings.NewReader(over))
	if resp.StatusCode != 413 {
		t.Errorf("body with Content-Length over %d: %d %+v", limit, resp.StatusCode, p)
	}
}

func ExampleDecodeJSON() {
	type signup struct {
		Email string `json:"email"`
		Age   int    `json:"age"`
	}
	h := HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var s signup
		if err := DecodeJSON(w, r, &s, JSONOptions{DisallowUnknownFields: true}); err != nil {
			return err // a *BodyError: WriteError sends its status and detail
		}
		_, err := fmt.Fprintf(w, "welcome, %s\n", s.Email)
		return err
	})
	for _, body := range []string{
		`{"email":"ada@example.com","age":36}`,
		`{"email":"ada@example.com","age":"36"}`,
		`{"emial":"ada@example.com"}`,
	} {
		r := httptest.NewRequest("POST", "/signup", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Print(w.Code, " ", w.Body)
	}
	// Output:
	// 200 welcome, ada@example.com
	// 400 {"title":"Bad Request","status":400,"detail":"field \"age\": want number, got string"}
	// 400 {"title":"Bad Request","status":400,"detail":"unknown field \"emial\""}
}
