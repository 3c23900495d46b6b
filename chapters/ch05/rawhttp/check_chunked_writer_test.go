package rawhttp

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// chunkedWriterText returns n random bytes of text.
func chunkedWriterText(n int) []byte {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .-"
	p := make([]byte, n)
	for i := range p {
		p[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return p
}

// chunkedWriterShow quotes s for a message, cut to 60 bytes.
func chunkedWriterShow(s string) string {
	if len(s) <= 60 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q... (%d bytes in all)", s[:60], len(s))
}

// chunkedWriterSame compares one written chunk with want; the size may be in
// upper or lower case hex.
func chunkedWriterSame(got, want string) bool {
	gotSize, gotRest, _ := strings.Cut(got, "\r\n")
	wantSize, wantRest, _ := strings.Cut(want, "\r\n")
	return strings.EqualFold(gotSize, wantSize) && gotRest == wantRest
}

func TestChunkedWriterBytes(t *testing.T) {
	// Sizes whose hex is one digit, one letter, two digits and three or four digits.
	sizes := []int{1 + rand.IntN(9), 10 + rand.IntN(6), 16 + rand.IntN(240), 256 + rand.IntN(5000)}
	rand.Shuffle(len(sizes), func(i, j int) { sizes[i], sizes[j] = sizes[j], sizes[i] })
	var buf bytes.Buffer
	cw := chunkedWriter{&buf}
	for _, size := range sizes {
		p := chunkedWriterText(size)
		buf.Reset()
		n, err := cw.Write(p)
		want := strconv.FormatInt(int64(size), 16) + "\r\n" + string(p) + "\r\n"
		if !chunkedWriterSame(buf.String(), want) || n != size || err != nil {
			t.Errorf("chunkedWriter.Write(%d bytes %s)\nwrote %s and returned %d, %v\nwant  %s, %d, nil: the size in hexadecimal, CRLF, the data, CRLF",
				size, chunkedWriterShow(string(p)), chunkedWriterShow(buf.String()), n, err, chunkedWriterShow(want), size)
		}
	}
	for _, p := range [][]byte{nil, {}} {
		buf.Reset()
		if n, err := cw.Write(p); buf.Len() != 0 || n != 0 || err != nil {
			t.Errorf("chunkedWriter.Write(%q) wrote %q and returned %d, %v, want nothing written and 0, nil: a chunk of size zero would end the body", p, buf.String(), n, err)
		}
	}
	buf.Reset()
	if err := cw.Close(); buf.String() != "0\r\n\r\n" || err != nil {
		t.Errorf("chunkedWriter.Close() wrote %q and returned %v, want \"0\\r\\n\\r\\n\", nil: the last chunk, then the empty line that ends the trailers", buf.String(), err)
	}
}
