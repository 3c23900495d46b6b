package upload

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"testing"
)

// BenchmarkSave streams a 64 MiB file through Save into a real directory,
// against io.Copy of the same body into a file: what parsing the multipart
// body costs, without a network.
func BenchmarkSave(b *testing.B) {
	data := make([]byte, 64<<20)
	for i := range data {
		data[i] = byte(rand.Uint32())
	}
	raw, ctype := body(b, part{field: "f", filename: "x.bin", data: data})
	dir := b.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	b.Run("copy", func(b *testing.B) {
		b.SetBytes(int64(raw.Len()))
		for b.Loop() {
			f, err := os.CreateTemp(dir, "copy-")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(f, struct{ io.Reader }{bytes.NewReader(raw.Bytes())}); err != nil {
				b.Fatal(err)
			}
			f.Close()
			os.Remove(f.Name())
		}
	})
	b.Run("save", func(b *testing.B) {
		b.SetBytes(int64(raw.Len()))
		opts := Options{Limits: Limits{MaxBodyBytes: -1, MaxFileBytes: -1}, AllowedTypes: []string{"*/*"}}
		for b.Loop() {
			r := httptest.NewRequest("POST", "/", struct{ io.Reader }{bytes.NewReader(raw.Bytes())})
			r.Header.Set("Content-Type", ctype)
			form, err := Save(httptest.NewRecorder(), r, root, opts)
			if err != nil {
				b.Fatal(err)
			}
			form.Remove(root)
		}
	})
}
