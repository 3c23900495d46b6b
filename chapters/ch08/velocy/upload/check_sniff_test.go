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

// sniffWord returns a random lower-case word.
func sniffWord() string {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// sniffBytes returns n random bytes.
func sniffBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return b
}

// sniffPNG is the signature every PNG file starts with.
const sniffPNG = "\x89PNG\r\n\x1a\n"

func TestSniffAndAllowed(t *testing.T) {
	for _, tc := range []struct{ head, want string }{
		{sniffPNG + string(sniffBytes(16)), "image/png"},
		{"%PDF-1.7\n" + sniffWord(), "application/pdf"},
		{sniffWord() + " " + sniffWord() + "\n", "text/plain"},
		{"<!DOCTYPE html><title>" + sniffWord() + "</title>", "text/html"},
	} {
		if got := sniff([]byte(tc.head)); got != tc.want {
			t.Errorf("sniff(%q) = %q, want %q (the type http.DetectContentType finds, without parameters)", tc.head, got, tc.want)
		}
	}
	major, minor := sniffWord(), sniffWord()
	typ := major + "/" + minor
	for _, tc := range []struct {
		list []string
		want bool
	}{
		{[]string{sniffWord() + "/" + minor, typ}, true},
		{[]string{strings.ToUpper(typ)}, true},
		{[]string{major + "/*"}, true},
		{[]string{"*/*"}, true},
		{[]string{major + "/" + sniffWord() + "x", sniffWord() + "x/*", major}, false},
		{nil, false},
	} {
		if got := allowed(tc.list, typ); got != tc.want {
			t.Errorf("allowed(%q, %q) = %v, want %v", tc.list, typ, got, tc.want)
		}
	}
}

// sniffSave sends one file through Save.
func sniffSave(t *testing.T, name, declared string, data []byte, allow []string) (*Form, error) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, name))
	h.Set("Content-Type", declared)
	w, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", "/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	return Save(httptest.NewRecorder(), req, root, Options{AllowedTypes: allow})
}

func sniffIs415(err error) bool {
	var be *BodyError
	return errors.As(err, &be) && be.Status == http.StatusUnsupportedMediaType
}

func TestSaveSniffsFiles(t *testing.T) {
	png := append([]byte(sniffPNG), sniffBytes(rand.IntN(300<<10))...)
	form, err := sniffSave(t, sniffWord()+".txt", "text/plain", png, nil)
	if err != nil || len(form.Files) != 1 {
		t.Fatalf("a PNG named .txt, declared text/plain: form %+v, error %v, want it stored (image/png is allowed by default)", form, err)
	}
	if f := form.Files[0]; f.ContentType != "image/png" || f.DeclaredType != "text/plain" {
		t.Errorf("a PNG declared text/plain: ContentType %q, DeclaredType %q, want \"image/png\" (sniffed) and \"text/plain\" (declared)",
			f.ContentType, f.DeclaredType)
	}
	html := "<!DOCTYPE html><script>alert(" + sniffWord() + ")</script>"
	if _, err := sniffSave(t, "avatar.png", "image/png", []byte(html), nil); !sniffIs415(err) {
		t.Errorf("HTML named avatar.png, declared image/png: error %v, want a 415 *BodyError: text/html is not in DefaultAllowedTypes", err)
	}
	text := []byte(sniffWord() + " " + sniffWord())
	if _, err := sniffSave(t, "a.png", "image/png", text, []string{"image/*"}); !sniffIs415(err) {
		t.Errorf(`text, AllowedTypes ["image/*"]: error %v, want 415`, err)
	}
	bin := append([]byte{0, 1, 2, 3, 4, 5, 6, 7}, sniffBytes(rand.IntN(1000))...)
	form, err = sniffSave(t, "blob", "", bin, []string{"*/*"})
	if err != nil || len(form.Files) != 1 || form.Files[0].ContentType != "application/octet-stream" {
		t.Errorf(`binary data, AllowedTypes ["*/*"]: form %+v, error %v, want it stored with ContentType "application/octet-stream"`, form, err)
	}
}
