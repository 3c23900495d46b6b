package upload

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// streamFilesText returns n random bytes of printable text.
func streamFilesText(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
		if rand.IntN(20) == 0 {
			b[i] = '\n'
		}
	}
	return b
}

// streamFilesWord returns a random lower-case word.
func streamFilesWord() string {
	return string(bytes.ReplaceAll(streamFilesText(4+rand.IntN(6)), []byte("\n"), []byte("q")))
}

var streamFilesHex = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestSaveStoresFiles(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	type sent struct {
		field, name, ctype string
		data               []byte
	}
	var files []sent
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for range 1 + rand.IntN(4) {
		f := sent{streamFilesWord(), streamFilesWord() + ".txt", "text/x-" + streamFilesWord(),
			streamFilesText(rand.IntN(600 << 10))}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, f.field, f.name))
		h.Set("Content-Type", f.ctype)
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
		mw.WriteField(streamFilesWord(), streamFilesWord())
		files = append(files, f)
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	form, err := Save(httptest.NewRecorder(), req, root, Options{})
	if err != nil {
		t.Fatalf("Save of %d text files: error %v, want none", len(files), err)
	}
	if form == nil || len(form.Files) != len(files) {
		t.Fatalf("Save of %d files: form %+v, want %d entries in form.Files, in the order sent", len(files), form, len(files))
	}
	var stored []string
	for i, f := range form.Files {
		w := files[i]
		if f.Field != w.field || f.Filename != w.name || f.DeclaredType != w.ctype || f.Size != int64(len(w.data)) {
			t.Errorf("form.Files[%d] = {Field %q, Filename %q, DeclaredType %q, Size %d}, want {%q, %q, %q, %d}",
				i, f.Field, f.Filename, f.DeclaredType, f.Size, w.field, w.name, w.ctype, len(w.data))
		}
		if !streamFilesHex.MatchString(f.Name) {
			t.Errorf("form.Files[%d].Name = %q, want 32 random hexadecimal digits (randomName): never the client's name", i, f.Name)
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Errorf("form.Files[%d]: %v: the file must be stored in dst under its Name", i, err)
		} else if !bytes.Equal(got, w.data) {
			t.Errorf("form.Files[%d]: stored %d bytes, not the %d bytes sent", i, len(got), len(w.data))
		}
		if info, err := os.Stat(filepath.Join(dir, f.Name)); err == nil && info.Mode().Perm() != 0o600 {
			t.Errorf("form.Files[%d]: mode %v, want 0600 when Options.Perm is 0", i, info.Mode().Perm())
		}
		stored = append(stored, f.Name)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(stored)
	if !slices.Equal(names, slices.Compact(stored)) || len(stored) != len(files) {
		t.Errorf("after Save the directory holds %q, want exactly the stored names %q (distinct, and no temporary file left)", names, stored)
	}
}

// streamFilesBody produces the body of one big text file part, the bytes of
// the file generated as they are read, and calls peek once when most of
// them have been read.
type streamFilesBody struct {
	head, tail *strings.Reader
	left, size int
	line       []byte
	peek       func()
}

func (b *streamFilesBody) Read(p []byte) (int, error) {
	if b.head.Len() > 0 {
		return b.head.Read(p)
	}
	if b.left > 0 {
		n := min(len(p), b.left)
		for i := range n {
			p[i] = b.line[(b.size-b.left+i)%len(b.line)]
		}
		if b.left > b.size/8 && b.left-n <= b.size/8 && b.peek != nil {
			b.peek()
		}
		b.left -= n
		return n, nil
	}
	return b.tail.Read(p)
}

func TestSaveStreamsFiles(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if _, err := mw.CreateFormFile("video", "big.txt"); err != nil {
		t.Fatal(err)
	}
	head := buf.String()
	mw.Close()
	tail := buf.String()[len(head):]
	size := 9<<20 - rand.IntN(1<<20) // below the default limits of lesson 8.8
	line := append(streamFilesText(1000+rand.IntN(3000)), '\n')
	var during []string
	body := &streamFilesBody{head: strings.NewReader(head), tail: strings.NewReader(tail),
		left: size, size: size, line: line, peek: func() {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if info, err := e.Info(); err == nil && info.Size() > 0 {
					during = append(during, e.Name())
				}
			}
		}}
	req := httptest.NewRequest("POST", "/upload", io.NopCloser(body))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	form, err := Save(httptest.NewRecorder(), req, root, Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("Save of one %d-byte text file: error %v, want none", size, err)
	}
	if form == nil || len(form.Files) != 1 || form.Files[0].Size != int64(size) {
		t.Fatalf("Save of one %d-byte file: form %+v, want it in form.Files with its Size", size, form)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("Save of a %d MiB file allocated %d KiB: it holds the file in memory; copy it to disk a buffer at a time",
			size>>20, alloc>>10)
	}
	if len(during) != 1 || !strings.HasPrefix(during[0], ".upload-") || !strings.HasSuffix(during[0], ".part") {
		t.Errorf("while the body was still arriving, dst held %q, want one file being written, named .upload-<name>.part: write each file as its bytes arrive, to a temporary name", during)
	}
	got, err := os.ReadFile(filepath.Join(dir, form.Files[0].Name))
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if got[i] != line[i%len(line)] {
			t.Fatalf("stored file differs from the one sent at byte %d", i)
		}
	}
}
