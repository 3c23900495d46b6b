package middleware

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// DefaultMaxJSONBytes is the largest JSON body [DecodeJSON] reads when
// [JSONOptions] sets no limit: 1 MiB.
const DefaultMaxJSONBytes = 1 << 20

// JSONOptions configures [DecodeJSON]. The zero value is ready to use.
type JSONOptions struct {
	// MaxBytes is the largest body accepted, in bytes: 0 means
	// DefaultMaxJSONBytes, a negative value no limit at all (for a body
	// some outer layer, such as MaxBodyBytes, limits already).
	MaxBytes int64
	// DisallowUnknownFields refuses an object member that matches no field
	// of the struct it is decoded into, instead of ignoring it: a client
	// that misspells "emial" learns it at once.
	DisallowUnknownFields bool
}

// BodyError is the error [DecodeJSON] and [DecodeForm] return when the
// request is at fault. Status is the response status it calls for (400,
// 413 or 415), and Detail says what is wrong in words that are safe to show
// the client: they describe the client's own request, never the server.
// Err, when not nil, is the error underneath (a *json.SyntaxError, an
// *http.MaxBytesError, a read error), for the logs and for errors.As.
type BodyError struct {
	Status int
	Detail string
	Err    error
}

// Error returns e.Detail.
func (e *BodyError) Error() string { return e.Detail }

// StatusCode returns e.Status: [StatusOf] and [WriteError] use it.
func (e *BodyError) StatusCode() int { return e.Status }

// Unwrap returns e.Err.
func (e *BodyError) Unwrap() error { return e.Err }

// DecodeJSON decodes the JSON body of r into dst, which must be a pointer,
// and checks the request on the way. It returns a [*BodyError] saying
// what is wrong when:
//
//   - the Content-Type is not JSON (415): application/json, or any
//     application/...+json type such as application/merge-patch+json, with
//     parameters allowed but no charset other than utf-8. A request with no
//     Content-Type is refused too: a browser sends a body without one from
//     any web page, without asking the server first (a "simple" cross-origin
//     request), which is how cross-site request forgery reaches JSON APIs.
//     The response to a 415 should say what to send, so DecodeJSON sets
//     the Accept header of w to application/json.
//   - the body is larger than opts.MaxBytes (413): decided from the
//     Content-Length before anything is read, otherwise by reading through
//     [http.MaxBytesReader], which stops at the limit.
//   - the body is empty, is not valid JSON, or holds more than one JSON
//     value (400); the detail of a syntax error gives its byte offset.
//   - a value has the wrong type for its field (400):
//     `field "age": want number, got string`.
//   - an object has a member dst has no field for, when
//     opts.DisallowUnknownFields is set (400): `unknown field "emial"`.
//   - a type of dst refuses a value in its UnmarshalJSON or UnmarshalText
//     method (400, with that method's message, or its own status when its
//     error has a StatusCode method).
//
// Any other error, such as dst not being a pointer, is the program's
// mistake: it is returned as it is, and [StatusOf] makes it a 500.
// DecodeJSON reads r.Body but does not replace it. On an error, dst may
// hold part of the body already.
func DecodeJSON(w http.ResponseWriter, r *http.Request, dst any, opts JSONOptions) error {
	if err := checkJSONType(r.Header.Get("Content-Type")); err != nil {
		w.Header().Set("Accept", "application/json")
		return err
	}
	limit := opts.MaxBytes
	if limit == 0 {
		limit = DefaultMaxJSONBytes
	}
	var body io.ReadCloser = http.NoBody
	if r.Body != nil {
		body = r.Body
	}
	if limit > 0 {
		if r.ContentLength > limit {
			return tooLarge(limit, nil)
		}
		body = maxBytesReader(w, body, limit)
	}
	src := &readErrors{r: body}
	dec := json.NewDecoder(src)
	if opts.DisallowUnknownFields {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(dst); err != nil {
		return jsonError(err, src.err)
	}
	// Exactly one value: what follows it may be white space, nothing else.
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return tooLarge(tooBig.Limit, err)
		}
		if src.err != nil && err == src.err {
			return readError(err)
		}
		return &BodyError{Status: http.StatusBadRequest, Err: err,
			Detail: fmt.Sprintf("request body holds more than one JSON value: "+
				"unexpected data after byte %d", end)}
	}
	return nil
}

// checkJSONType returns a 415 *BodyError unless ct names a JSON media type.
func checkJSONType(ct string) error {
	const want = "application/json"
	if ct == "" {
		return unsupported("request has no Content-Type: send " + want)
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return unsupported("malformed Content-Type: send " + want)
	}
	if mt != want && !(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return unsupported(fmt.Sprintf("Content-Type %q is not JSON: send %s", mt, want))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return unsupported(fmt.Sprintf("charset %q is not accepted: JSON is utf-8", cs))
	}
	return nil
}

func unsupported(detail string) *BodyError {
	return &BodyError{Status: http.StatusUnsupportedMediaType, Detail: detail}
}

func tooLarge(limit int64, err error) *BodyError {
	return &BodyError{Status: http.StatusRequestEntityTooLarge, Err: err,
		Detail: "request body larger than " + strconv.FormatInt(limit, 10) + " bytes"}
}

func readError(err error) *BodyError {
	return &BodyError{Status: http.StatusBadRequest, Err: err,
		Detail: "could not read the request body"}
}

// readErrors remembers the first error of its reader other than io.EOF, so
// that a failed read (the client hung up) is not taken for bad JSON.
type readErrors struct {
	r   io.Reader
	err error
}

func (re *readErrors) Read(p []byte) (int, error) {
	n, err := re.r.Read(p)
	if err != nil && err != io.EOF && re.err == nil {
		re.err = err
	}
	return n, err
}

// jsonError turns an error of json.Decoder.Decode into a *BodyError that
// names the problem for the client, or returns it as it is when the
// program is at fault. readErr is the error the body's reader returned, if
// any.
func jsonError(err, readErr error) error {
	var (
		tooBig  *http.MaxBytesError
		syntax  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
		invalid *json.InvalidUnmarshalError
		status  interface{ StatusCode() int }
	)
	const bad = http.StatusBadRequest
	switch {
	case errors.As(err, &tooBig):
		return tooLarge(tooBig.Limit, err)
	case readErr != nil && errors.Is(err, readErr):
		return readError(err)
	case err == io.EOF:
		return &BodyError{Status: bad, Err: err,
			Detail: "request body is empty: want a JSON value"}
	case err == io.ErrUnexpectedEOF:
		return &BodyError{Status: bad, Err: err,
			Detail: "request body ends in the middle of a JSON value"}
	case errors.As(err, &syntax):
		msg := strings.TrimPrefix(syntax.Error(), "json: ")
		return &BodyError{Status: bad, Err: err,
			Detail: fmt.Sprintf("request body is not valid JSON: %s (at byte %d)", msg, syntax.Offset)}
	case errors.As(err, &typeErr):
		return &BodyError{Status: bad, Err: err, Detail: typeDetail(typeErr)}
	case errors.As(err, &invalid):
		return err // dst is not a non-nil pointer: the program's mistake
	case errors.As(err, &status):
		return err // a method of dst chose its own status
	}
	// encoding/json has no type for this one, only the message
	// `json: unknown field "name"`.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &BodyError{Status: bad, Err: err, Detail: "unknown field " + name}
	}
	// An UnmarshalJSON or UnmarshalText method of dst refused the value:
	// its message is about the client's input.
	return &BodyError{Status: bad, Err: err,
		Detail: "invalid value in request body: " + strings.TrimPrefix(err.Error(), "json: ")}
}

// typeDetail describes a value of the wrong JSON type for its Go field.
func typeDetail(e *json.UnmarshalTypeError) string {
	where := "request body"
	if e.Field != "" {
		where = "field " + strconv.Quote(e.Field)
	}
	want := jsonKind(e.Type)
	got := e.Value
	if num, ok := strings.CutPrefix(got, "number "); ok && want == "number" {
		// The right type, but the number does not fit the Go field.
		t := e.Type
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		k := t.Kind()
		if k >= reflect.Int && k <= reflect.Uintptr && strings.ContainsAny(num, ".eE") {
			return fmt.Sprintf("%s: want an integer, got %s", where, num)
		}
		return fmt.Sprintf("%s: %s is out of range for %s", where, num, k)
	}
	switch {
	case got == "bool":
		got = "boolean"
	case strings.HasPrefix(got, "number"):
		got = "number"
	}
	return fmt.Sprintf("%s: want %s, got %s", where, want, got)
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// jsonKind names the JSON type that decodes into a Go type.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		return "string"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Uintptr, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.String:
		return "string"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "string (base64)"
		}
		return "array"
	case reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	}
	return "value"
}
