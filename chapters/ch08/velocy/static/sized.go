package static

import (
	"io"
	"io/fs"
	"os"
)

// http.ServeContent learns the size of what it serves by seeking to the
// end and back to the start: two system calls on every request, although
// the handler already knows the size from Stat. A system call costs about
// half a microsecond on a virtual machine with today's mitigations, which
// is several per cent of serving a small file. sizedFile answers those two
// seeks itself, and passes every other seek and every read to the file.
//
// It embeds the *os.File, so it keeps the file's SyscallConn method: when
// net/http copies it to a TCP connection, the net package finds the file
// descriptor through that method and still uses sendfile(2), at the file's
// real offset. That offset is only ever moved by real seeks and reads,
// which is why the two answered seeks must leave it where it is: at 0, as
// the file was just opened.

// sizedFile is an *os.File whose size is known.
type sizedFile struct {
	*os.File
	size    int64
	atEnd   bool // a Seek to the end was answered without moving the file
	touched bool // the file's own offset may no longer be 0
}

// Seek answers a seek to the end, and a seek back to the start of a file
// that has not been read or moved, without a system call.
func (f *sizedFile) Seek(offset int64, whence int) (int64, error) {
	switch {
	case whence == io.SeekEnd && offset == 0 && !f.touched:
		f.atEnd = true
		return f.size, nil
	case whence == io.SeekStart && offset == 0 && !f.touched:
		f.atEnd = false
		return 0, nil
	case whence == io.SeekCurrent && f.atEnd:
		offset, whence = f.size+offset, io.SeekStart
	}
	f.atEnd = false
	f.touched = true
	return f.File.Seek(offset, whence)
}

// Read reads from the file, or reports the end after an answered seek to
// the end.
func (f *sizedFile) Read(p []byte) (int, error) {
	if f.atEnd {
		return 0, io.EOF
	}
	f.touched = true
	return f.File.Read(p)
}

// WriteTo hides the file's own WriteTo, which would copy from the file's
// real offset even after an answered seek to the end.
func (f *sizedFile) WriteTo(w io.Writer) (int64, error) {
	return io.Copy(w, struct{ io.Reader }{f})
}

// sized returns f as a *sizedFile when it is an *os.File, which answers
// ServeContent's probe of its size without system calls, and f otherwise.
func sized(f io.ReadSeeker, fi fs.FileInfo) io.ReadSeeker {
	if osf, ok := f.(*os.File); ok {
		return &sizedFile{File: osf, size: fi.Size()}
	}
	return f
}
