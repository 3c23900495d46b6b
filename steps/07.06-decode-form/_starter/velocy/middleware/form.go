package middleware

import (
	"fmt"
	"net/http"
	"net/url"
)

// The limits [DecodeForm] applies when [FormOptions] sets none.
const (
	DefaultMaxFormBytes  = 1 << 20 // 1 MiB of body
	DefaultMaxFormFields = 100     // distinct field names
	DefaultMaxFormValues = 1000    // name=value pairs in all
)

// FormOptions configures [DecodeForm]. The zero value is ready to use. In
// each field, 0 means the default and a negative value no limit.
type FormOptions struct {
	// MaxBytes is the largest body accepted, in bytes.
	MaxBytes int64
	// MaxFields is the largest number of distinct field names.
	MaxFields int
	// MaxValues is the largest number of name=value pairs, counting each
	// value of a field given several times ("tag=a&tag=b" is two).
	MaxValues int
}

// DecodeForm reads the body of r as an HTML form sent as
// application/x-www-form-urlencoded and returns its fields. Like
// [DecodeJSON], it returns a [*BodyError] saying what is wrong when:
//
//   - the Content-Type is not application/x-www-form-urlencoded (415; a
//     charset parameter other than utf-8 is refused too). It sets the
//     Accept header of w to the type it wants. multipart/form-data, the
//     encoding of forms that upload files, is not read here: chapter 8
//     streams it to disk.
//   - the body is larger than opts.MaxBytes (413), decided from the
//     Content-Length before reading when it can be;
//   - it has more fields or values than opts.MaxFields or opts.MaxValues
//     allow (413): a body of a few kilobytes can hold thousands of tiny
//     pairs, each a string and a map entry to allocate;
//   - a pair is malformed (400): a bad percent escape such as "%zz", or a
//     ';', which older servers took as a separator and net/url refuses.
//
// The fields come from the body only, not from the URL's query (see
// r.URL.Query()), and are decoded exactly as [url.ParseQuery] does. They
// are also stored in r.PostForm, so that r.FormValue and r.PostFormValue
// find them and do not try to read the body a second time.
func DecodeForm(w http.ResponseWriter, r *http.Request, opts FormOptions) (url.Values, error) {
	// TODO(07.06-decode-form): check the Content-Type with checkFormType
	// (and set Accept on a 415); limit the body as DecodeJSON does, with
	// formLimit(opts.MaxBytes, DefaultMaxFormBytes); read it all; parse it
	// with parseForm and the two other limits; store the result in
	// r.PostForm.
	return nil, nil
}

// formLimit returns the limit an option asks for: def for 0, -1 (none)
// for a negative value.
func formLimit(opt, def int64) int64 {
	switch {
	case opt == 0:
		return def
	case opt < 0:
		return -1
	}
	return opt
}

// checkFormType returns a 415 *BodyError unless ct is the media type want,
// in utf-8 if a charset is given.
func checkFormType(ct, want string) error {
	// TODO(07.06-decode-form): refuse an empty ct, one mime.ParseMediaType
	// cannot parse, another type, and a charset other than utf-8.
	return nil
}

// parseForm decodes a urlencoded form as url.ParseQuery does, but stops at
// the first malformed pair, and as soon as the form has more than
// maxFields names or maxValues pairs (a negative limit is none).
func parseForm(s string, maxFields, maxValues int) (url.Values, error) {
	// TODO(07.06-decode-form): split on '&', skip empty pairs, count the
	// others; refuse ';' and a bad escape (formError), more than maxValues
	// pairs or maxFields names (413); cut at '=' and url.QueryUnescape both
	// halves.
	return nil, nil
}

// formError reports a malformed pair, the n-th of the form.
func formError(n int, what string, err error) *BodyError {
	detail := fmt.Sprintf("form pair %d: %s", n, what)
	if err != nil {
		// url.EscapeError says `invalid URL escape "%zz"`.
		detail = fmt.Sprintf("form pair %d: %s: %v", n, what, err)
	}
	return &BodyError{Status: http.StatusBadRequest, Detail: detail, Err: err}
}
