package static

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// readFromRecorder is a response writer that records what its ReadFrom was
// given, and passes it on to net/http's, which uses sendfile for a file.
type readFromRecorder struct {
	http.ResponseWriter
	mu      sync.Mutex
	sources []string
}

func (rec *readFromRecorder) ReadFrom(src io.Reader) (int64, error) {
	kind := "other"
	r := src
	if lr, ok := r.(*io.LimitedReader); ok { // io.CopyN's wrapper; net/http unwraps it too
		r = lr.R
	}
	// What the net package asks of a source for sendfile: a file
	// descriptor, through SyscallConn (an *os.File, or the Handler's
	// sizedFile around one).
	if _, ok := r.(syscall.Conn); ok {
		if _, ok := r.(*os.File); ok || isSized(r) {
			kind = "file"
		}
	}
	rec.mu.Lock()
	rec.sources = append(rec.sources, kind)
	rec.mu.Unlock()
	return rec.ResponseWriter.(io.ReaderFrom).ReadFrom(src)
}

func isSized(r io.Reader) bool {
	_, ok := r.(*sizedFile)
	return ok
}

// TestSendfilePath proves that a file reaches the connection's ReadFrom as
// an open file (with the SyscallConn that the net package's sendfile
// needs) through middleware.Wrap (and for a precompressed sibling
// through the Handler's own lengthWriter too): the path on which net/http
// calls sendfile(2). velocy/bench shows the system call itself with strace.
func TestSendfilePath(t *testing.T) {
	h, err := Dir(tree(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	rec := &readFromRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.ResponseWriter = w
		rec.mu.Unlock()
		rw := middleware.Wrap(rec) // as AccessLog or Recover would
		h.ServeHTTP(rw, r)
		if rw.Written() == 0 {
			t.Errorf("%s: the wrapper counted no bytes", r.URL)
		}
	}))
	defer srv.Close()
	for _, accept := range []string{"identity", "gzip"} {
		req, _ := http.NewRequest("GET", srv.URL+"/app.js", nil)
		req.Header.Set("Accept-Encoding", accept) // set, so the transport does not ask for gzip itself
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(body) == 0 || resp.TransferEncoding != nil {
			t.Errorf("Accept-Encoding %q: %d, %d bytes, Transfer-Encoding %q: want a 200 with a Content-Length", accept, resp.StatusCode, len(body), resp.TransferEncoding)
		}
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if got := strings.Join(rec.sources, ","); got != "file,file" {
		t.Errorf("ReadFrom saw %q, want a file twice", got)
	}
}
