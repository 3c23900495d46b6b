package bench

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/static"
)

// fileSink is a response writer that throws the body away, with a
// ReadFrom like net/http's (which would use sendfile), so that the
// benchmark measures what a handler does around the copy.
type fileSink struct{ h http.Header }

func (w *fileSink) Header() http.Header                 { return w.h }
func (w *fileSink) WriteHeader(int)                     {}
func (w *fileSink) Write(p []byte) (int, error)         { return len(p), nil }
func (w *fileSink) ReadFrom(r io.Reader) (int64, error) { return io.Copy(io.Discard, r) }

// BenchmarkStaticFile is the CPU cost of serving a 1 KiB file, without the
// network: http.FileServer against velocy/static.
func BenchmarkStaticFile(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f1k.bin"), make([]byte, 1024), 0o644); err != nil {
		b.Fatal(err)
	}
	s, err := static.Dir(dir, static.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, h := range []struct {
		name string
		h    http.Handler
	}{
		{"fileserver", http.FileServer(http.Dir(dir))},
		{"static", s},
	} {
		b.Run(h.name, func(b *testing.B) {
			req, _ := http.NewRequest("GET", "/f1k.bin", nil)
			b.ReportAllocs()
			for b.Loop() {
				w := &fileSink{h: http.Header{}}
				r := *req
				h.h.ServeHTTP(w, &r)
			}
		})
	}
}
