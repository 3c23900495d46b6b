package static

import (
	"io"
	"io/fs"
	"os"
)

// sizedFile is an *os.File whose size is known.
//
// TODO(08.04-sized-file): answer the two seeks http.ServeContent makes to
// learn the size (Seek(0, io.SeekEnd), then Seek(0, io.SeekStart)) from
// size, without moving the file, as long as nothing else has read or moved
// it (touched). After an answered seek to the end, Read reports io.EOF and
// a Seek from io.SeekCurrent counts from size. Every other seek and read
// goes to the file, and sets touched.
type sizedFile struct {
	*os.File
	size    int64
	atEnd   bool // a Seek to the end was answered without moving the file
	touched bool // the file's own offset may no longer be 0
}

// Seek seeks the file. For now it always asks the file.
func (f *sizedFile) Seek(offset int64, whence int) (int64, error) {
	return f.File.Seek(offset, whence)
}

// Read reads from the file.
func (f *sizedFile) Read(p []byte) (int, error) {
	return f.File.Read(p)
}

// WriteTo hides the file's own WriteTo, which would copy from the file's
// real offset even after an answered seek to the end.
func (f *sizedFile) WriteTo(w io.Writer) (int64, error) {
	return io.Copy(w, struct{ io.Reader }{f})
}

// sized returns f as a *sizedFile when it is an *os.File, and f otherwise.
//
// TODO(08.04-sized-file): call it in serveFile, around what you hand to
// http.ServeContent.
func sized(f io.ReadSeeker, fi fs.FileInfo) io.ReadSeeker {
	if osf, ok := f.(*os.File); ok {
		return &sizedFile{File: osf, size: fi.Size()}
	}
	return f
}
