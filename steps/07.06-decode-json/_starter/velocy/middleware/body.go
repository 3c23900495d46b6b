package middleware

import (
	"encoding"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strconv"
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
// what is wrong when the Content-Type is not JSON (415, and it sets the
// Accept header of w to application/json), when the body is larger than
// opts.MaxBytes (413, from the Content-Length before reading when it can),
// and when the body is empty, is not JSON, or has a value of the wrong type
// for its field (400). Any other error, such as dst not being a pointer, is
// returned as it is.
func DecodeJSON(w http.ResponseWriter, r *http.Request, dst any, opts JSONOptions) error {
	// TODO(07.06-decode-json): check the Content-Type with checkJSONType
	// (and set Accept on a 415); work out the limit (0 means
	// DefaultMaxJSONBytes, negative none); refuse a ContentLength over it
	// with tooLarge, and read through maxBytesReader otherwise, inside a
	// readErrors; decode with a json.Decoder and map its error with
	// jsonError.
	return nil
}

// checkJSONType returns a 415 *BodyError unless ct names a JSON media type:
// application/json or application/...+json, with no charset but utf-8.
func checkJSONType(ct string) error {
	// TODO(07.06-decode-json): refuse an empty ct, one mime.ParseMediaType
	// cannot parse, another type, and another charset, with unsupported.
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
	// TODO(07.06-decode-json): a *http.MaxBytesError is tooLarge; readErr
	// is readError; io.EOF, io.ErrUnexpectedEOF, *json.SyntaxError and
	// *json.UnmarshalTypeError are 400s that say what is wrong; return a
	// *json.InvalidUnmarshalError, or an error with a StatusCode method, as
	// it is; anything else is a 400 "invalid value in request body: ...".
	return err
}

// typeDetail describes a value of the wrong JSON type for its Go field:
// `field "age": want number, got string`.
func typeDetail(e *json.UnmarshalTypeError) string {
	// TODO(07.06-decode-json): name the field (or "request body"), the JSON
	// kind wanted (jsonKind) and the one that came; a number that does not
	// fit says so.
	return ""
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
