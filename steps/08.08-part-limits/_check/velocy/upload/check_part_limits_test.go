package upload

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"strings"
	"testing"
)

// partLimitsSave sends the parts, each a header and a short text value,
// through Save with the given limits.
func partLimitsSave(t *testing.T, parts []textproto.MIMEHeader, lim Limits) error {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, h := range parts {
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("value"))
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Save(httptest.NewRecorder(), req, root, Options{Limits: lim})
	return err
}

// partLimitsFields returns the headers of n plain fields.
func partLimitsFields(n int) []textproto.MIMEHeader {
	var parts []textproto.MIMEHeader
	for i := range n {
		parts = append(parts, textproto.MIMEHeader{
			"Content-Disposition": {fmt.Sprintf(`form-data; name="f%d"`, i)}})
	}
	return parts
}

func partLimitsIs413(err error) bool {
	var be *BodyError
	return errors.As(err, &be) && be.Status == http.StatusRequestEntityTooLarge
}

func TestSavePartLimit(t *testing.T) {
	limit := 1 + rand.IntN(10)
	if err := partLimitsSave(t, partLimitsFields(limit), Limits{MaxParts: limit}); err != nil {
		t.Errorf("MaxParts %d, %[1]d parts: error %v, want none", limit, err)
	}
	if err := partLimitsSave(t, partLimitsFields(limit+1), Limits{MaxParts: limit}); !partLimitsIs413(err) {
		t.Errorf("MaxParts %d, %d parts: error %v, want a 413 *BodyError", limit, limit+1, err)
	}
	if err := partLimitsSave(t, partLimitsFields(DefaultMaxParts+1), Limits{}); !partLimitsIs413(err) {
		t.Errorf("zero Limits, DefaultMaxParts+1 parts: error %v, want 413", err)
	}
}

func TestSaveHeaderLimit(t *testing.T) {
	h := textproto.MIMEHeader{
		"Content-Disposition": {`form-data; name="note"`},
		"X-Pad":               {strings.Repeat("p", 10+rand.IntN(2000))},
	}
	size := 0 // as sent: "Key: value\r\n" for each line
	for k, vs := range h {
		for _, v := range vs {
			size += len(k) + len(": ") + len(v) + len("\r\n")
		}
	}
	if err := partLimitsSave(t, []textproto.MIMEHeader{h}, Limits{MaxHeaderBytes: int64(size)}); err != nil {
		t.Errorf("MaxHeaderBytes %d, a part header of %[1]d bytes (each line counted as \"Key: value\\r\\n\"): error %v, want none", size, err)
	}
	if err := partLimitsSave(t, []textproto.MIMEHeader{h}, Limits{MaxHeaderBytes: int64(size - 1)}); !partLimitsIs413(err) {
		t.Errorf("MaxHeaderBytes %d, a part header of %d bytes: error %v, want a 413 *BodyError", size-1, size, err)
	}
	h.Set("X-Pad", strings.Repeat("p", DefaultMaxHeaderBytes))
	if err := partLimitsSave(t, []textproto.MIMEHeader{h}, Limits{}); !partLimitsIs413(err) {
		t.Errorf("zero Limits, a part header longer than DefaultMaxHeaderBytes: error %v, want 413", err)
	}
}
