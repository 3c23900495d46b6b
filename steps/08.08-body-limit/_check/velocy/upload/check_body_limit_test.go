package upload

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// bodyLimitCounter counts the bytes read from the body underneath.
type bodyLimitCounter struct {
	r io.Reader
	n int64
}

func (c *bodyLimitCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// bodyLimitRequest returns a request carrying one text file of size bytes,
// and the counter its body is read through.
func bodyLimitRequest(t *testing.T, size int) (*http.Request, *bodyLimitCounter) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", "notes.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := make([]byte, size)
	for i := range text {
		text[i] = byte('a' + rand.IntN(26))
	}
	fw.Write(text)
	mw.Close()
	c := &bodyLimitCounter{r: bytes.NewReader(buf.Bytes())}
	req := httptest.NewRequest("POST", "/upload", nil)
	req.Body = io.NopCloser(c)
	req.ContentLength = int64(buf.Len())
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req, c
}

// bodyLimitRoot opens a fresh temporary directory as an os.Root.
func bodyLimitRoot(t *testing.T) *os.Root {
	t.Helper()
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

func TestSaveRefusesContentLengthOverLimit(t *testing.T) {
	limit := int64(1<<10 + rand.IntN(64<<10))
	req, c := bodyLimitRequest(t, int(limit)+rand.IntN(4096))
	w := httptest.NewRecorder()
	_, err := Save(w, req, bodyLimitRoot(t), Options{Limits: Limits{MaxBodyBytes: limit}})
	var be *BodyError
	if !errors.As(err, &be) || be.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("MaxBodyBytes %d, Content-Length %d: error %v, want a *BodyError with Status 413",
			limit, req.ContentLength, err)
	}
	if c.n != 0 {
		t.Errorf("MaxBodyBytes %d, Content-Length %d: Save read %d bytes of the body, want none: the header says it is too large",
			limit, req.ContentLength, c.n)
	}
	if got := w.Header().Get("Connection"); got != "close" {
		t.Errorf("refused for its Content-Length: Connection header %q, want \"close\" (the body is still on the connection)", got)
	}

	// With the zero Options, the limit is DefaultMaxBodyBytes.
	req, _ = bodyLimitRequest(t, 10)
	req.ContentLength = DefaultMaxBodyBytes + 1 + rand.Int64N(1<<20)
	_, err = Save(httptest.NewRecorder(), req, bodyLimitRoot(t), Options{})
	if !errors.As(err, &be) || be.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("zero Options, Content-Length %d: error %v, want 413: withDefaults must set MaxBodyBytes to DefaultMaxBodyBytes",
			req.ContentLength, err)
	}
}

func TestSaveStopsReadingAtBodyLimit(t *testing.T) {
	limit := int64(64<<10 + rand.IntN(256<<10))
	req, c := bodyLimitRequest(t, int(limit)*2+rand.IntN(1<<20))
	req.ContentLength = -1 // sent in chunks: the size is known only at the end
	_, err := Save(httptest.NewRecorder(), req, bodyLimitRoot(t), Options{Limits: Limits{MaxBodyBytes: limit}})
	var be *BodyError
	var mbe *http.MaxBytesError
	if !errors.As(err, &be) || be.Status != http.StatusRequestEntityTooLarge || !errors.As(err, &mbe) {
		t.Fatalf("MaxBodyBytes %d, a longer body of unknown length: error %v, want a 413 *BodyError wrapping the *http.MaxBytesError (readError)",
			limit, err)
	}
	if c.n > limit+1 {
		t.Errorf("MaxBodyBytes %d: Save read %d bytes of the body, want at most one past the limit", limit, c.n)
	}
}
