package static

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestSizedFile applies random sequences of seeks and reads to a plain
// *os.File and to a sizedFile over the same content: every answer must be
// the same.
func TestSizedFile(t *testing.T) {
	content := make([]byte, 5000)
	for i := range content {
		content[i] = byte(i * 7)
	}
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	open := func() *os.File {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	for round := range 300 {
		plain := open()
		sf := &sizedFile{File: open(), size: int64(len(content))}
		var log []string
		for step := range 8 {
			var a, b string
			switch op := rand.IntN(6); {
			case op < 2: // the seeks ServeContent makes
				whence := []int{io.SeekEnd, io.SeekStart}[op]
				n1, e1 := plain.Seek(0, whence)
				n2, e2 := sf.Seek(0, whence)
				a, b = fmtRes(n1, e1), fmtRes(n2, e2)
			case op == 2:
				off, whence := rand.Int64N(6000), rand.IntN(3)
				if whence != io.SeekStart {
					off -= 3000
				}
				n1, e1 := plain.Seek(off, whence)
				n2, e2 := sf.Seek(off, whence)
				a, b = fmtRes(n1, e1), fmtRes(n2, e2)
			case op == 3 || op == 4:
				size := rand.IntN(3000)
				p1, p2 := make([]byte, size), make([]byte, size)
				n1, e1 := io.ReadFull(plain, p1)
				n2, e2 := io.ReadFull(sf, p2)
				a, b = fmtRes(int64(n1), e1), fmtRes(int64(n2), e2)
				if !bytes.Equal(p1[:n1], p2[:n2]) {
					b += " (other bytes)"
				}
			default:
				var w1, w2 bytes.Buffer
				n1, e1 := io.Copy(&w1, io.LimitReader(plain, 700))
				n2, e2 := io.Copy(&w2, io.LimitReader(sf, 700))
				a, b = fmtRes(n1, e1), fmtRes(n2, e2)
				if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
					b += " (other bytes)"
				}
			}
			log = append(log, a)
			if a != b {
				t.Fatalf("round %d, step %d: os.File %s, sizedFile %s (after %v)", round, step, a, b, log)
			}
		}
	}
}

func fmtRes(n int64, err error) string {
	s := "n=" + strconv.FormatInt(n, 10)
	if err != nil {
		s += " err=" + err.Error()
	}
	return s
}
