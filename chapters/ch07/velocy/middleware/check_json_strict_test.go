package middleware

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func jsonStrictDecode(body string, opts JSONOptions, chunked bool) (map[string]int, error) {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	if chunked {
		r.Body = io.NopCloser(io.MultiReader(strings.NewReader(body)))
		r.ContentLength = -1
	}
	r.Header.Set("Content-Type", "application/json")
	var v struct {
		A int `json:"a"`
		B int `json:"b"`
	}
	err := DecodeJSON(httptest.NewRecorder(), r, &v, opts)
	return map[string]int{"a": v.A, "b": v.B}, err
}

func TestJSONStrictUnknownFields(t *testing.T) {
	field := fmt.Sprintf("x%d", rand.IntN(1e6))
	body := fmt.Sprintf(`{"a":1,%q:2}`, field)
	if _, err := jsonStrictDecode(body, JSONOptions{}, false); err != nil {
		t.Errorf("DecodeJSON(%s) without DisallowUnknownFields = %v, want the unknown field ignored", body, err)
	}
	_, err := jsonStrictDecode(body, JSONOptions{DisallowUnknownFields: true}, false)
	want := fmt.Sprintf("unknown field %q", field)
	if jsonStrictStatus(err) != 400 || err.Error() != want {
		t.Errorf("DecodeJSON(%s) with DisallowUnknownFields = %v, want a 400 %q", body, err, want)
	}
}

// jsonStrictStatus returns the Status of a *BodyError, or 0.
func jsonStrictStatus(err error) int {
	if be, ok := err.(*BodyError); ok {
		return be.Status
	}
	return 0
}

func TestJSONStrictOneValue(t *testing.T) {
	a := rand.IntN(1000)
	first := fmt.Sprintf(`{"a":%d}`, a)
	pad := strings.Repeat(" ", rand.IntN(5))
	for _, rest := range []string{`{}`, `{"b":2}`, `]`, `garbage`, `,`, `1`} {
		body := pad + first + pad + rest
		_, err := jsonStrictDecode(body, JSONOptions{}, false)
		want := fmt.Sprintf("request body holds more than one JSON value: unexpected data after byte %d", len(pad)+len(first))
		if jsonStrictStatus(err) != 400 || err.Error() != want {
			t.Errorf("DecodeJSON(%q) = %v, want a 400 %q", body, err, want)
		}
	}
	body := pad + first + " \n\t"
	if got, err := jsonStrictDecode(body, JSONOptions{}, false); err != nil || got["a"] != a {
		t.Errorf("DecodeJSON(%q) = %v, %v; want white space after the value accepted", body, got, err)
	}
	// Data after the value that runs past the limit is a 413.
	body = first + " " + strings.Repeat("9", 100)
	if _, err := jsonStrictDecode(body, JSONOptions{MaxBytes: int64(len(first) + 10)}, true); jsonStrictStatus(err) != http.StatusRequestEntityTooLarge {
		t.Errorf("a chunked body with data past the limit after the value: %v, want a 413", err)
	}
}
