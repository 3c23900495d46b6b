package upload

import (
	"bufio"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"time"
)

// ParseMultipartForm reads the whole body before the handler sees any of
// it: fields into memory, files into memory up to a limit and into
// temporary files past it, which the program must remember to remove.
// Save reads the parts one at a time, as they arrive, and writes each file
// straight to its place, so a 1 GiB upload needs a few buffers of memory,
// and a limit stops the reading the moment it is passed.
//
// The parser is mime/multipart's Reader, the one r.MultipartReader returns.
// Save makes it itself, after checking the Content-Type, for two reasons:
// r is left as it was, and the Reader can be handed a bufio.Reader of the
// size Save wants (see readBufferSize).
//
// Each file is read and written on the request's goroutine, in turn. A
// writer goroutine, so that reading the next buffer overlaps with writing
// the last one, was measured and dropped: on two cores shared with the
// client it used twice the CPU (the buffers move between cores, the
// scheduler spins on every hand-over) and received more slowly; see
// velocy/bench/README.md.

// Options configures [Save]. The zero value uses the default limits and
// [DefaultAllowedTypes].
type Options struct {
	Limits
	// AllowedTypes are the sniffed media types kept (see
	// DefaultAllowedTypes, used when nil): "image/png", "image/*", or
	// "*/*" for anything. A file of another type is refused with 415.
	AllowedTypes []string
	// MaxNameBytes bounds the sanitised client file name kept in
	// [File].Filename; 0 means DefaultMaxNameBytes.
	MaxNameBytes int
	// Progress, if set, is called during each file at most once per
	// ProgressInterval (0 means DefaultProgressInterval), and once when
	// the file is stored. It runs on the request's goroutine: it must
	// return quickly.
	Progress         func(Progress)
	ProgressInterval time.Duration
	// Perm is the permission of stored files; 0 means 0o600.
	Perm fs.FileMode
}

// Form is what Save received: the plain fields and the stored files, in
// the order they came.
type Form struct {
	Values map[string][]string
	Files  []File
}

// Remove removes the files of f from dst, for a handler that refuses the
// form after Save accepted it. It returns the first error.
func (f *Form) Remove(dst *os.Root) error {
	var first error
	for _, file := range f.Files {
		if err := dst.Remove(file.Name); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// readBufferSize is the size of the bufio.Reader mime/multipart reads the
// body through.
const readBufferSize = 32 << 10

// Save reads the multipart/form-data body of r part by part and stores
// each file in dst under a random name, keeping the plain fields in
// memory. A file is written to a temporary name (".upload-….part") and
// renamed into place only when it is complete and its type allowed.
//
// Every limit of opts is checked while reading; the first one passed stops
// the reading. On any error, Save removes every file of the request, the
// complete ones too, so a request either stores all its files or none,
// and returns a *middleware.BodyError for the client's mistakes (415 for a
// body that is not multipart or a file type not allowed, 413 for a limit,
// 400 for a malformed body, 499 when the client went away) or the error of
// the file system (a 500). middleware.WriteError writes either.
//
// w is used only to tell the server to close the connection when the body
// limit is passed (see http.MaxBytesReader); Save writes no response.
func Save(w http.ResponseWriter, r *http.Request, dst *os.Root, opts Options) (form *Form, err error) {
	lim := opts.Limits.withDefaults()
	mediaType, params, perr := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if perr != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		return nil, clientError(http.StatusUnsupportedMediaType, perr, "want a multipart/form-data body")
	}
	if r.ContentLength > 0 && over(r.ContentLength, lim.MaxBodyBytes) {
		w.Header().Set("Connection", "close")
		return nil, tooLarge("request body larger than %d bytes", lim.MaxBodyBytes)
	}
	s := &saver{
		dst:   dst,
		opts:  opts,
		lim:   lim,
		r:     r,
		body:  &counter{r: limitBody(w, r.Body, lim.MaxBodyBytes)},
		form:  &Form{Values: map[string][]string{}},
		perm:  opts.Perm,
		track: progress{hook: opts.Progress, interval: opts.ProgressInterval},
	}
	if s.perm == 0 {
		s.perm = 0o600
	}
	if s.track.interval == 0 {
		s.track.interval = DefaultProgressInterval
	}
	defer func() {
		if err != nil {
			s.form.Remove(dst) // best effort: the error to report is err
			form = nil
		}
	}()
	// mime/multipart wraps its reader in a 4 KiB bufio.Reader, unless it
	// already is a bufio.Reader at least that large: a larger one means
	// fewer, larger reads of the connection and of each part.
	mr := multipart.NewReader(bufio.NewReaderSize(s.body, readBufferSize), params["boundary"])
	for parts := 0; ; parts++ {
		p, err := mr.NextPart()
		if err == io.EOF {
			return s.form, nil
		}
		if err != nil {
			return nil, readError(err, r.Context().Err())
		}
		if over(int64(parts+1), int64(lim.MaxParts)) {
			return nil, tooLarge("more than %d parts", lim.MaxParts)
		}
		if err := s.part(p); err != nil {
			return nil, err
		}
	}
}

// saver holds the state of one Save.
type saver struct {
	dst   *os.Root
	opts  Options
	lim   Limits
	r     *http.Request
	body  *counter
	form  *Form
	perm  fs.FileMode
	track progress
	buf   []byte
}

// part reads one part: a field into memory, a file to disk.
func (s *saver) part(p *multipart.Part) error {
	if n := headerSize(p); over(n, s.lim.MaxHeaderBytes) {
		return tooLarge("part header larger than %d bytes", s.lim.MaxHeaderBytes)
	}
	_, disp, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return clientError(http.StatusBadRequest, err, "part with a malformed Content-Disposition")
	}
	field := disp["name"]
	if field == "" {
		return clientError(http.StatusBadRequest, nil, "part without a form field name")
	}
	if raw, isFile := disp["filename"]; isFile {
		return s.file(p, field, raw)
	}
	var r io.Reader = p
	if s.lim.MaxFieldBytes >= 0 {
		r = io.LimitReader(p, s.lim.MaxFieldBytes+1) // one byte more tells "too long"
	}
	value, err := io.ReadAll(r)
	if err != nil {
		return readError(err, s.r.Context().Err())
	}
	if over(int64(len(value)), s.lim.MaxFieldBytes) {
		return tooLarge("field %q larger than %d bytes", field, s.lim.MaxFieldBytes)
	}
	s.form.Values[field] = append(s.form.Values[field], string(value))
	return nil
}

// headerSize is the size of a part's header as sent: "Key: value\r\n".
func headerSize(p *multipart.Part) int64 {
	var n int64
	for k, vs := range p.Header {
		for _, v := range vs {
			n += int64(len(k) + len(v) + 4)
		}
	}
	return n
}
