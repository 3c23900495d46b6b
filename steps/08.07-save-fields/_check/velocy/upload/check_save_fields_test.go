package upload

import (
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
)

// saveFieldsWord returns a random lower-case word.
func saveFieldsWord() string {
	b := make([]byte, 3+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// saveFieldsRoot opens a fresh temporary directory as an os.Root.
func saveFieldsRoot(t *testing.T) *os.Root {
	t.Helper()
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

func TestSaveReadsFields(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	var names []string
	for range 2 + rand.IntN(3) {
		names = append(names, saveFieldsWord())
	}
	want := map[string][]string{}
	for i := range 4 + rand.IntN(6) {
		name := names[rand.IntN(len(names))]
		// Values may hold anything, line breaks and dashes included.
		value := saveFieldsWord() + "\r\n--" + saveFieldsWord() + " " + strings.Repeat("x", rand.IntN(100))
		if err := mw.WriteField(name, value); err != nil {
			t.Fatal(err)
		}
		want[name] = append(want[name], value)
		if i == 1 { // a small text file among the fields
			fw, err := mw.CreateFormFile("attachment", saveFieldsWord()+".txt")
			if err != nil {
				t.Fatal(err)
			}
			fw.Write([]byte(saveFieldsWord()))
		}
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	form, err := Save(httptest.NewRecorder(), req, saveFieldsRoot(t), Options{})
	if err != nil {
		t.Fatalf("Save of a valid multipart/form-data body: error %v, want none", err)
	}
	if form == nil {
		t.Fatal("Save returned a nil *Form and no error: return the form with the fields read")
	}
	if !maps.EqualFunc(form.Values, want, slices.Equal) {
		t.Errorf("Save: form.Values = %q\nwant %q\n(each field name maps to its values in the order they came)", form.Values, want)
	}
}

func TestSaveRefusesOtherBodies(t *testing.T) {
	for _, ct := range []string{
		"",
		"application/json",
		"application/x-www-form-urlencoded",
		"multipart/form-data", // no boundary
		"multipart/mixed; boundary=" + saveFieldsWord(),
		"text/plain; boundary=" + saveFieldsWord(),
	} {
		req := httptest.NewRequest("POST", "/upload", strings.NewReader("name="+saveFieldsWord()))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		_, err := Save(httptest.NewRecorder(), req, saveFieldsRoot(t), Options{})
		var be *BodyError
		if !errors.As(err, &be) || be.Status != 415 {
			t.Errorf("Save with Content-Type %q: error %v, want a *BodyError with Status 415 (clientError builds one)", ct, err)
		}
	}
}
