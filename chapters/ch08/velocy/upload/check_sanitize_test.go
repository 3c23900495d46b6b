package upload

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http/httptest"
	"net/textproto"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// sanitizeWord returns a random word of letters and digits.
func sanitizeWord(n int) string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[rand.IntN(len(chars))]
	}
	return string(b)
}

// sanitizeNoise is what SanitizeFilename must drop from a name.
var sanitizeNoise = []string{"\x00", "\x1b", "\r\n", "\t", "\u202e", "\u200b", "\ufeff", "\xff", "\xc3"}

func TestSanitizeFilenameCleans(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"../../etc/passwd", "passwd"},
		{`C:\Windows\win.ini`, "win.ini"},
		{"..", ""},
		{" . ", ""},
		{".htaccess", "htaccess"},
		{"", ""},
		{"dir/", ""},
		{"a:b?.txt", "a_b_.txt"},
	} {
		if got := SanitizeFilename(tc.in, 0); got != tc.want {
			t.Errorf("SanitizeFilename(%q, 0) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for range 200 {
		base := sanitizeWord(1+rand.IntN(20)) + "." + sanitizeWord(1+rand.IntN(4))
		// A path before it, with either separator.
		var in strings.Builder
		for range rand.IntN(4) {
			in.WriteString([]string{"..", "tmp", "C:", "", "."}[rand.IntN(5)])
			in.WriteString([]string{"/", `\`}[rand.IntN(2)])
		}
		in.WriteString(strings.Repeat(".", rand.IntN(3)) + strings.Repeat(" ", rand.IntN(2)))
		want := []byte(base)
		for i := 0; i < len(base); i++ {
			if rand.IntN(6) == 0 {
				in.WriteString(sanitizeNoise[rand.IntN(len(sanitizeNoise))])
			}
			if c := `<>:"|?*`[rand.IntN(7)]; rand.IntN(10) == 0 && i > 0 {
				in.WriteByte(c)
				want[i] = '_'
				continue
			}
			in.WriteByte(base[i])
		}
		in.WriteString(strings.Repeat(". ", rand.IntN(3)))
		if got := SanitizeFilename(in.String(), 0); got != string(want) {
			t.Fatalf("SanitizeFilename(%q, 0) = %q, want %q", in.String(), got, want)
		}
	}
}

func TestSanitizeFilenameLength(t *testing.T) {
	runes := []string{"a", "é", "日", "🙂"}
	for range 100 {
		var stem strings.Builder
		for stem.Len() < 300+rand.IntN(300) {
			stem.WriteString(runes[rand.IntN(len(runes))])
		}
		ext := "." + sanitizeWord(1+rand.IntN(4))
		name := stem.String() + ext
		max := 20 + rand.IntN(236)
		got := SanitizeFilename(name, max)
		if len(got) > max || !utf8.ValidString(got) || !strings.HasSuffix(got, ext) {
			t.Fatalf("SanitizeFilename(a %d-byte name of é, 日 and 🙂 ending in %q, %d) = %q (%d bytes): want at most %d bytes of whole runes, ending in the extension",
				len(name), ext, max, got, len(got), max)
		}
		kept := strings.TrimSuffix(got, ext)
		next, _ := utf8.DecodeRuneInString(stem.String()[len(kept):])
		if !strings.HasPrefix(stem.String(), kept) || len(kept)+utf8.RuneLen(next) <= max-len(ext) {
			t.Fatalf("SanitizeFilename(a %d-byte name ending in %q, %d) = %q: want the longest start of the name that fits in %d bytes with the extension, cut between runes",
				len(name), ext, max, got, max)
		}
	}
	long := strings.Repeat("x", 300+rand.IntN(300))
	if got := SanitizeFilename(long, 0); got != long[:DefaultMaxNameBytes] {
		t.Errorf("SanitizeFilename(%d bytes of x, 0) = %d bytes, want DefaultMaxNameBytes (%d)", len(long), len(got), DefaultMaxNameBytes)
	}
}

func TestSaveSanitizesClientNames(t *testing.T) {
	base := sanitizeWord(5+rand.IntN(10)) + ".txt"
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, name := range []string{"../../" + base, "..."} {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, name))
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(sanitizeWord(100)))
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	form, err := Save(httptest.NewRecorder(), req, root, Options{})
	if err != nil || len(form.Files) != 2 {
		t.Fatalf("Save of two text files: form %+v, error %v, want both stored", form, err)
	}
	if got := form.Files[0].Filename; got != base {
		t.Errorf("client name %q: File.Filename = %q, want %q (SanitizeFilename)", "../../"+base, got, base)
	}
	if f := form.Files[1]; len(f.Name) < 8 || f.Filename != "upload-"+f.Name[:8] {
		t.Errorf(`client name "...": File.Filename = %q, want "upload-" and the first 8 digits of Name %q, since nothing of the name is left`, f.Filename, f.Name)
	}
}
