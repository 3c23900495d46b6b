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
	"strings"
	"testing"
)

// fileLimitsText is a reader of n bytes of text, counting what was read.
type fileLimitsText struct {
	left, read int64
}

func (r *fileLimitsText) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.left)
	for i := range n {
		p[i] = 'a' + byte((r.read+i)%26)
	}
	r.left -= n
	r.read += n
	return int(n), nil
}

// fileLimitsSave sends one part (a text file of size bytes, or a field of
// size bytes) through Save and returns what it returned and how many bytes
// of the part were read.
func fileLimitsSave(t *testing.T, file bool, size int64, lim Limits) (*Form, error, int64) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	var err error
	if file {
		_, err = mw.CreateFormFile("file", "notes.txt")
	} else {
		_, err = mw.CreateFormField("comment")
	}
	if err != nil {
		t.Fatal(err)
	}
	head := buf.String()
	mw.Close()
	text := &fileLimitsText{left: size}
	r := io.MultiReader(strings.NewReader(head), text, strings.NewReader(buf.String()[len(head):]))
	req := httptest.NewRequest("POST", "/upload", nil)
	req.Body = io.NopCloser(r)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	form, err := Save(httptest.NewRecorder(), req, root, Options{Limits: lim})
	return form, err, text.read
}

func fileLimitsIs413(err error) bool {
	var be *BodyError
	return errors.As(err, &be) && be.Status == http.StatusRequestEntityTooLarge
}

func TestSaveFileLimit(t *testing.T) {
	limit := int64(1 + rand.IntN(100<<10))
	form, err, _ := fileLimitsSave(t, true, limit, Limits{MaxFileBytes: limit})
	if err != nil || len(form.Files) != 1 || form.Files[0].Size != limit {
		t.Errorf("MaxFileBytes %d, a file of exactly %[1]d bytes: form %+v, error %v, want it stored", limit, form, err)
	}
	over := limit + 1 + rand.Int64N(1000)
	if _, err, _ := fileLimitsSave(t, true, over, Limits{MaxFileBytes: limit}); !fileLimitsIs413(err) {
		t.Errorf("MaxFileBytes %d, a file of %d bytes: error %v, want a 413 *BodyError (tooLarge)", limit, over, err)
	}
	huge := limit + 8<<20
	_, err, read := fileLimitsSave(t, true, huge, Limits{MaxFileBytes: limit})
	if !fileLimitsIs413(err) {
		t.Errorf("MaxFileBytes %d, a file of %d bytes: error %v, want 413", limit, huge, err)
	} else if read > limit+2<<20 {
		t.Errorf("MaxFileBytes %d, a file of %d bytes: Save read %d bytes of the file before refusing it: stop reading one byte past the limit", limit, huge, read)
	}
	if _, err, _ := fileLimitsSave(t, true, DefaultMaxFileBytes+1, Limits{}); !fileLimitsIs413(err) {
		t.Errorf("zero Limits, a file of DefaultMaxFileBytes+1 bytes: error %v, want 413", err)
	}
}

func TestSaveFieldLimit(t *testing.T) {
	limit := int64(10 + rand.IntN(1000))
	form, err, _ := fileLimitsSave(t, false, limit, Limits{MaxFieldBytes: limit})
	if err != nil || len(form.Values["comment"]) != 1 || len(form.Values["comment"][0]) != int(limit) {
		t.Errorf("MaxFieldBytes %d, a field of exactly %[1]d bytes: error %v, want it kept", limit, err)
	}
	over := limit + 1 + rand.Int64N(1<<20)
	_, err, read := fileLimitsSave(t, false, over, Limits{MaxFieldBytes: limit})
	if !fileLimitsIs413(err) {
		t.Errorf("MaxFieldBytes %d, a field of %d bytes: error %v, want a 413 *BodyError", limit, over, err)
	} else if read > limit+1<<20 {
		t.Errorf("MaxFieldBytes %d, a field of %d bytes: Save read %d bytes of it: read at most one byte past the limit", limit, over, read)
	}
	if _, err, _ := fileLimitsSave(t, false, DefaultMaxFieldBytes+1, Limits{}); !fileLimitsIs413(err) {
		t.Errorf("zero Limits, a field of DefaultMaxFieldBytes+1 bytes: error %v, want 413", err)
	}
	n := int64(DefaultMaxFieldBytes + 1 + rand.IntN(1<<16))
	if _, err, _ := fileLimitsSave(t, false, n, Limits{MaxFieldBytes: -1}); err != nil {
		t.Errorf("MaxFieldBytes -1 (no limit), a field of %d bytes: error %v, want none", n, err)
	}
}
