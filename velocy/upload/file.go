package upload

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http"
	"os"
)

// One file part becomes one file: written under a temporary name that
// marks it unfinished (".upload-<random>.part", a dotfile, which
// velocy/static would not serve), checked while it streams (its type from
// its first bytes, its size at every buffer, the client still there), and
// renamed to its random final name only when all of it arrived. A rename
// within a directory is atomic: a reader of the directory sees the whole
// file or none of it.

const (
	copyBufferSize = 32 << 10 // what a file is read and written in
	tempPrefix     = ".upload-"
	tempSuffix     = ".part"
)

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

// file streams the file part p to a temporary file, checks its type and
// size on the way, and renames it into place.
func (s *saver) file(p *multipart.Part, field, raw string) (err error) {
	f := File{
		Field:        field,
		Filename:     SanitizeFilename(raw, s.opts.MaxNameBytes),
		Name:         randomName(),
		DeclaredType: p.Header.Get("Content-Type"),
	}
	if f.Filename == "" {
		f.Filename = "upload-" + f.Name[:8]
	}
	tmp := tempPrefix + f.Name + tempSuffix
	out, err := s.dst.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, s.perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			out.Close()
			s.dst.Remove(tmp)
		}
	}()
	if s.buf == nil {
		s.buf = make([]byte, copyBufferSize)
	}
	var src io.Reader = p
	if s.lim.MaxFileBytes >= 0 {
		// Never read more than one byte past the limit, whatever the
		// buffer size: that byte is how the limit is seen to be passed.
		src = &io.LimitedReader{R: p, N: s.lim.MaxFileBytes + 1}
	}
	// The first buffer is read whole before a byte is written, so its
	// start can be sniffed.
	n, err := fill(src, s.buf)
	eof := err == io.EOF
	if err != nil && !eof {
		return readError(err, s.r.Context().Err())
	}
	f.ContentType = sniff(s.buf[:min(n, sniffLen)])
	allow := s.opts.AllowedTypes
	if allow == nil {
		allow = DefaultAllowedTypes
	}
	if !allowed(allow, f.ContentType) {
		return clientError(http.StatusUnsupportedMediaType, nil, "file %q: type %s not allowed", f.Filename, f.ContentType)
	}
	for {
		f.Size += int64(n)
		if over(f.Size, s.lim.MaxFileBytes) {
			return tooLarge("file %q larger than %d bytes", f.Filename, s.lim.MaxFileBytes)
		}
		if _, err := out.Write(s.buf[:n]); err != nil {
			return err
		}
		if err := s.r.Context().Err(); err != nil {
			return readError(err, err)
		}
		if eof {
			break
		}
		s.track.report(Progress{Field: field, Filename: f.Filename, FileBytes: f.Size, TotalBytes: s.body.n})
		n, err = fill(src, s.buf)
		if eof = err == io.EOF; err != nil && !eof {
			return readError(err, s.r.Context().Err())
		}
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := s.dst.Rename(tmp, f.Name); err != nil {
		return err
	}
	s.form.Files = append(s.form.Files, f)
	s.track.report(Progress{Field: field, Filename: f.Filename, FileBytes: f.Size, TotalBytes: s.body.n, Done: true})
	return nil
}

// fill reads from r until buf is full or r ends. Unlike io.ReadFull it
// passes on the reader's own error: io.EOF is the end of the part, and
// io.ErrUnexpectedEOF from a part means the body ended in its middle.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// randomName returns 32 random hexadecimal digits.
func randomName() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand panics instead)
	return hex.EncodeToString(b[:])
}
