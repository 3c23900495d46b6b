package upload

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLimits draws limits and parts at random, and sometimes cuts the body
// short. Whatever happens: no stored file is over its limit, a success
// stores exactly the files sent, and after an error nothing is left in the
// destination, no temporary file either.
func FuzzLimits(f *testing.F) {
	f.Add(int64(5000), int64(1000), int64(100), uint8(4), uint16(300), []byte{0, 10, 10, 1, 40, 40, 2, 3, 3}, uint32(0))
	f.Add(int64(-1), int64(-1), int64(-1), uint8(0), uint16(0), []byte{1, 255, 255}, uint32(1000))
	f.Add(int64(100), int64(50), int64(5), uint8(1), uint16(60), []byte{0, 1, 1, 0, 1, 1}, uint32(0))
	f.Fuzz(func(t *testing.T, maxBody, maxFile, maxField int64, maxParts uint8, maxHeader uint16, spec []byte, cut uint32) {
		lim := Limits{
			MaxBodyBytes:   maxBody % (1 << 20),
			MaxFileBytes:   maxFile % (1 << 20),
			MaxFieldBytes:  maxField % (1 << 16),
			MaxParts:       int(maxParts % 16),
			MaxHeaderBytes: int64(maxHeader),
		}
		var parts []part
		for i := 0; i+2 < len(spec) && len(parts) < 20; i += 3 {
			size := int(spec[i+1]) * int(spec[i+2]) % 200000
			switch spec[i] % 3 {
			case 0:
				parts = append(parts, part{field: "f" + strings.Repeat("x", int(spec[i+1]%50)), data: repeat("v", size%5000)})
			case 1:
				parts = append(parts, part{field: "t", filename: "t.txt", data: repeat("t", size)})
			case 2:
				parts = append(parts, part{field: "p", filename: "p.png", data: append(append([]byte{}, pngHead...), repeat("\x00", size)...)})
			}
		}
		b, ctype := body(t, parts...)
		raw := b.Bytes()
		if cut > 0 && len(raw) > 0 {
			raw = raw[:int(cut)%len(raw)]
		}
		root, dir := openRoot(t)
		opts := Options{Limits: lim}
		form, err := save(t, root, opts, bytes.NewReader(raw), ctype)
		left := listDir(t, dir)
		for _, name := range left {
			if strings.HasPrefix(name, tempPrefix) {
				t.Fatalf("temporary file %s left (error %v)", name, err)
			}
		}
		if err != nil {
			if form != nil || len(left) != 0 {
				t.Fatalf("error %v, yet form %v and files %v left", err, form, left)
			}
			if s := status(err); s != 400 && s != 413 && s != 415 {
				t.Fatalf("error %v with status %d", err, s)
			}
			return
		}
		lim = lim.withDefaults()
		var sent []int
		for _, p := range parts {
			if p.filename != "" {
				sent = append(sent, len(p.data))
			}
		}
		// A body cut right after a boundary line reads, to mime/multipart,
		// as a form that ends there: a success with the files before the
		// cut, each of them whole.
		if len(form.Files) != len(left) || len(form.Files) > len(sent) || cut == 0 && len(form.Files) != len(sent) {
			t.Fatalf("%d files in the form, %d on disk, %d sent (body cut at %d)", len(form.Files), len(left), len(sent), cut)
		}
		for i, file := range form.Files {
			fi, err := os.Stat(filepath.Join(dir, file.Name))
			if err != nil {
				t.Fatal(err)
			}
			if over(fi.Size(), lim.MaxFileBytes) || fi.Size() != file.Size || file.Size != int64(sent[i]) {
				t.Fatalf("file %d: stored %d bytes, Size %d, sent %d, limit %d", i, fi.Size(), file.Size, sent[i], lim.MaxFileBytes)
			}
		}
	})
}
