package upload

import (
	"io/fs"
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

// A File is one file Save stored.
type File struct {
	Field    string // the form field it came in
	Filename string // the client's name for it, sanitised: metadata only
	// Name is the file's name in the destination directory, chosen by
	// Save (32 random hexadecimal digits), never the client's.
	Name string
	// ContentType is the media type sniffed from its first bytes;
	// DeclaredType is the Content-Type the client gave the part.
	ContentType  string
	DeclaredType string
	Size         int64
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
	// TODO(08.09-cleanup): remove every file of f.Files from dst (by its
	// Name), going on after an error, and return the first error.
	return nil
}

// Save reads the multipart/form-data body of r part by part and stores
// each file in dst under a random name, keeping the plain fields in
// memory. It returns a *BodyError for the client's mistakes (clientError
// in limits.go builds one), or the error of the file system.
//
// w is used only to tell the server to close the connection when the body
// limit is passed (lesson 8.8); Save writes no response.
func Save(w http.ResponseWriter, r *http.Request, dst *os.Root, opts Options) (form *Form, err error) {
	// TODO(08.07-save-fields): check the Content-Type (415 unless
	// multipart/form-data with a boundary), then read the parts with
	// multipart.NewReader and keep each plain field in form.Values.
	return nil, nil
}
