package static

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// sizedFileRecorder is a ResponseWriter whose ReadFrom notes what it was
// handed, the way net/http's own looks at its source before it reaches
// for sendfile.
type sizedFileRecorder struct {
	*httptest.ResponseRecorder
	sources []string
}

func (r *sizedFileRecorder) ReadFrom(src io.Reader) (int64, error) {
	inner := src
	if lr, ok := src.(*io.LimitedReader); ok {
		inner = lr.R
	}
	kind := fmt.Sprintf("%T", inner)
	if _, ok := inner.(syscall.Conn); !ok {
		kind += " without SyscallConn"
	}
	r.sources = append(r.sources, kind)
	return io.Copy(r.ResponseRecorder, struct{ io.Reader }{src})
}

// sizedFileContent writes n random bytes to a file named name in dir.
func sizedFileContent(t *testing.T, dir, name string, n int) []byte {
	t.Helper()
	content := make([]byte, n)
	for i := range content {
		content[i] = byte(rand.IntN(256))
	}
	if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
		t.Fatal(err)
	}
	return content
}

func TestSizedFileAnswersTheSizeProbe(t *testing.T) {
	dir := t.TempDir()
	n := 1 + rand.IntN(100_000)
	content := sizedFileContent(t, dir, "f", n)
	f, err := os.Open(filepath.Join(dir, "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	rs := sized(f, fi)
	if _, ok := rs.(*sizedFile); !ok {
		t.Fatalf("sized(an *os.File) = %T, want a *sizedFile", rs)
	}
	if end, err := rs.Seek(0, io.SeekEnd); end != int64(n) || err != nil {
		t.Fatalf("Seek(0, io.SeekEnd) on a sizedFile of %d bytes = %d, %v; want %d, nil", n, end, err, n)
	}
	if real, _ := f.Seek(0, io.SeekCurrent); real != 0 {
		t.Fatalf("after Seek(0, io.SeekEnd) on the sizedFile, the file's own offset is %d, want 0: answer the seek to the end from size, without asking the file (a system call)", real)
	}
	if k, err := rs.Read(make([]byte, 16)); k != 0 || err != io.EOF {
		t.Errorf("Read after an answered Seek(0, io.SeekEnd) = %d, %v; want 0, io.EOF: the sizedFile is at its end", k, err)
	}
	if start, err := rs.Seek(0, io.SeekStart); start != 0 || err != nil {
		t.Fatalf("Seek(0, io.SeekStart) after it = %d, %v; want 0, nil", start, err)
	}
	if real, _ := f.Seek(0, io.SeekCurrent); real != 0 {
		t.Errorf("after the seek back to the start, the file's own offset is %d, want 0", real)
	}
	got, err := io.ReadAll(rs)
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("reading the sizedFile after the two seeks gave %d bytes (%v), want the file's %d", len(got), err, n)
	}
	// Once read, seeks go to the file again.
	off := rand.Int64N(int64(n))
	if pos, err := rs.Seek(off, io.SeekStart); pos != off || err != nil {
		t.Fatalf("Seek(%d, io.SeekStart) after reading = %d, %v", off, pos, err)
	}
	if rest, _ := io.ReadAll(rs); !bytes.Equal(rest, content[off:]) {
		t.Errorf("after Seek(%d, io.SeekStart), reading gave %d bytes, want the last %d of the file", off, len(rest), int64(n)-off)
	}
	br := bytes.NewReader(content)
	if got := sized(br, fi); got != io.ReadSeeker(br) {
		t.Errorf("sized(a *bytes.Reader) = %T, want the reader itself: only an *os.File is wrapped", got)
	}
}

func TestSizedFileReachesServeContent(t *testing.T) {
	dir := t.TempDir()
	n := 100 + rand.IntN(50_000)
	content := sizedFileContent(t, dir, "f.bin", n)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	h := Root(root, Options{})
	rec := &sizedFileRecorder{ResponseRecorder: httptest.NewRecorder()}
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/f.bin", nil))
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), content) {
		t.Fatalf("GET /f.bin = %d with %d bytes, want 200 with the file's %d", rec.Code, rec.Body.Len(), n)
	}
	if got := strings.Join(rec.sources, ", "); got != "*static.sizedFile" {
		t.Errorf("ServeContent copied the file from %q, want a *static.sizedFile (which keeps SyscallConn, so sendfile stays): hand ServeContent sized(rs, fi) in serveFile", got)
	}
	a := rand.IntN(n)
	b := a + rand.IntN(n-a)
	rec = &sizedFileRecorder{ResponseRecorder: httptest.NewRecorder()}
	req := httptest.NewRequest(http.MethodGet, "/f.bin", nil)
	req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", a, b))
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusPartialContent || !bytes.Equal(rec.Body.Bytes(), content[a:b+1]) {
		t.Errorf("GET /f.bin with Range: bytes=%d-%d = %d with %d bytes, want 206 with bytes %d to %d of the file", a, b, rec.Code, rec.Body.Len(), a, b)
	}
}
