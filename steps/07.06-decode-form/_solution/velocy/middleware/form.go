package middleware

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
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
	const want = "application/x-www-form-urlencoded"
	if err := checkFormType(r.Header.Get("Content-Type"), want); err != nil {
		w.Header().Set("Accept", want)
		return nil, err
	}
	limit := formLimit(opts.MaxBytes, DefaultMaxFormBytes)
	var body io.ReadCloser = http.NoBody
	if r.Body != nil {
		body = r.Body
	}
	if limit >= 0 {
		if r.ContentLength > limit {
			return nil, tooLarge(limit, nil)
		}
		body = maxBytesReader(w, body, limit)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, tooLarge(tooBig.Limit, err)
		}
		return nil, readError(err)
	}
	vals, err := parseForm(string(data),
		int(formLimit(int64(opts.MaxFields), DefaultMaxFormFields)),
		int(formLimit(int64(opts.MaxValues), DefaultMaxFormValues)))
	if err != nil {
		return nil, err
	}
	r.PostForm = vals
	return vals, nil
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
	if ct == "" {
		return unsupported("request has no Content-Type: send " + want)
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return unsupported("malformed Content-Type: send " + want)
	}
	if mt != want {
		return unsupported(fmt.Sprintf("Content-Type %q is not accepted: send %s", mt, want))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return unsupported(fmt.Sprintf("charset %q is not accepted: send utf-8", cs))
	}
	return nil
}

// parseForm decodes a urlencoded form as url.ParseQuery does, but stops at
// the first malformed pair, and as soon as the form has more than
// maxFields names or maxValues pairs (a negative limit is none).
func parseForm(s string, maxFields, maxValues int) (url.Values, error) {
	vals := make(url.Values)
	n := 0
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		if pair == "" {
			continue
		}
		n++
		if strings.Contains(pair, ";") {
			return nil, formError(n, "a ';' is not a separator: use '&'", nil)
		}
		if maxValues >= 0 && n > maxValues {
			return nil, &BodyError{Status: http.StatusRequestEntityTooLarge,
				Detail: fmt.Sprintf("form has more than %d values", maxValues)}
		}
		rawName, rawValue, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			return nil, formError(n, "name", err)
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return nil, formError(n, "value", err)
		}
		if _, seen := vals[name]; !seen && maxFields >= 0 && len(vals) >= maxFields {
			return nil, &BodyError{Status: http.StatusRequestEntityTooLarge,
				Detail: fmt.Sprintf("form has more than %d fields", maxFields)}
		}
		vals[name] = append(vals[name], value)
	}
	return vals, nil
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
