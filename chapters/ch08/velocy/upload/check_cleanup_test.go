package upload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// cleanupText returns n bytes of random letters.
func cleanupText(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return b
}

// cleanupBody returns a multipart body of text files of the given sizes,
// then, if html, one HTML file, then, if fields, that many plain fields.
func cleanupBody(t *testing.T, sizes []int, html bool, fields int) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i, n := range sizes {
		w, err := mw.CreateFormFile("file", fmt.Sprintf("f%d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(cleanupText(n))
	}
	if html {
		w, _ := mw.CreateFormFile("file", "page.txt")
		w.Write([]byte("<html><script>steal()</script>"))
	}
	for i := range fields {
		mw.WriteField(fmt.Sprint("f", i), "v")
	}
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// cleanupDir returns the names in dir.
func cleanupDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestSaveLeavesNothingOnError(t *testing.T) {
	first := 1 + rand.IntN(300<<10)
	second := 300<<10 + rand.IntN(300<<10)
	truncated, ct := cleanupBody(t, []int{first, second}, false, 0)
	truncated = truncated[:len(truncated)-rand.IntN(second/2)-100]
	htmlBody, htmlCT := cleanupBody(t, []int{first, second}, true, 0)
	bigBody, bigCT := cleanupBody(t, []int{first, second}, false, 0)
	partsBody, partsCT := cleanupBody(t, []int{first, second}, false, 4)
	for _, tc := range []struct {
		what   string
		body   []byte
		ct     string
		lim    Limits
		status int
	}{
		{"a body that ends in the middle of the second file", truncated, ct, Limits{}, http.StatusBadRequest},
		{"a third file whose type is not allowed", htmlBody, htmlCT, Limits{}, http.StatusUnsupportedMediaType},
		{"a second file over MaxFileBytes", bigBody, bigCT, Limits{MaxFileBytes: int64(second - 1)}, http.StatusRequestEntityTooLarge},
		{"a part too many after two files", partsBody, partsCT, Limits{MaxParts: 5}, http.StatusRequestEntityTooLarge},
	} {
		dir := t.TempDir()
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("POST", "/upload", bytes.NewReader(tc.body))
		req.Header.Set("Content-Type", tc.ct)
		form, err := Save(httptest.NewRecorder(), req, root, Options{Limits: tc.lim})
		root.Close()
		var be *BodyError
		if !errors.As(err, &be) || be.Status != tc.status {
			t.Errorf("%s: error %v, want a *BodyError with Status %d", tc.what, err, tc.status)
		}
		if form != nil {
			t.Errorf("%s: form %+v, want nil with the error", tc.what, form)
		}
		if left := cleanupDir(t, dir); len(left) != 0 {
			t.Errorf("%s: dst still holds %q, want nothing: on any error remove the file being written and every file stored before it", tc.what, left)
		}
	}
}

// cleanupGone delivers a body, and cancels the request's context once
// after bytes have gone by, as the server does when the client goes away.
type cleanupGone struct {
	r      *bytes.Reader
	after  int
	cancel context.CancelFunc
}

func (g *cleanupGone) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if g.after -= n; g.after <= 0 && g.cancel != nil {
		g.cancel()
		g.cancel = nil
	}
	return n, err
}

func (g *cleanupGone) Close() error { return nil }

func TestSaveClientGone(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	body, ct := cleanupBody(t, []int{1 + rand.IntN(1000), 4<<20 + rand.IntN(1<<20)}, false, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "POST", "/upload", nil)
	req.Body = &cleanupGone{r: bytes.NewReader(body), after: 1<<20 + rand.IntN(1<<20), cancel: cancel}
	req.Header.Set("Content-Type", ct)
	_, err = Save(httptest.NewRecorder(), req, root, Options{})
	var be *BodyError
	if !errors.As(err, &be) || be.Status != StatusClientClosedRequest || !errors.Is(err, context.Canceled) {
		t.Errorf("the request's context canceled in the middle of a 4 MiB file: error %v, want a 499 *BodyError wrapping context.Canceled: check r.Context() between two buffers", err)
	}
	if left := cleanupDir(t, dir); len(left) != 0 {
		t.Errorf("client gone: dst still holds %q, want nothing", left)
	}
}

func TestFormRemove(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	body, ct := cleanupBody(t, []int{1 + rand.IntN(1000), 1 + rand.IntN(1000)}, false, 1)
	req := httptest.NewRequest("POST", "/upload", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	form, err := Save(httptest.NewRecorder(), req, root, Options{})
	if err != nil || len(form.Files) != 2 {
		t.Fatalf("Save of two small text files: form %+v, error %v", form, err)
	}
	if err := form.Remove(root); err != nil {
		t.Errorf("form.Remove: %v, want nil", err)
	}
	if left := cleanupDir(t, dir); len(left) != 0 {
		t.Errorf("after form.Remove, dst holds %q, want nothing", left)
	}
	if err := form.Remove(root); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("form.Remove a second time: %v, want the first error, which says the file does not exist", err)
	}
}
