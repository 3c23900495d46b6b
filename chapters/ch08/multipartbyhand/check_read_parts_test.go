package multipartbyhand

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"mime/multipart"
	"net/textproto"
	"testing"
)

// readPartsBytes returns n random bytes, with the line breaks and dashes a
// body may hold mixed in.
func readPartsBytes(n int) []byte {
	b := make([]byte, 0, n)
	for len(b) < n {
		switch rand.IntN(8) {
		case 0:
			b = append(b, "\r\n"...)
		case 1:
			b = append(b, "--"...)
		default:
			b = append(b, byte(rand.IntN(256)))
		}
	}
	return b
}

// readPartsWord returns a random lower-case word.
func readPartsWord() string {
	b := make([]byte, 3+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

type readPartsWant struct {
	header map[string]string
	body   []byte
}

// readPartsBody writes random parts with mime/multipart's Writer and
// returns the body, its boundary and the parts.
func readPartsBody(t *testing.T) ([]byte, string, []readPartsWant) {
	t.Helper()
	var buf bytes.Buffer
	if rand.IntN(2) == 0 {
		buf.WriteString("This is the preamble: " + readPartsWord() + ".\r\n")
	}
	mw := multipart.NewWriter(&buf)
	var want []readPartsWant
	for range 1 + rand.IntN(5) {
		h := map[string]string{"Content-Disposition": fmt.Sprintf(`form-data; name="%s"`, readPartsWord())}
		if rand.IntN(2) == 0 {
			h["Content-Disposition"] += fmt.Sprintf(`; filename="%s.bin"`, readPartsWord())
			h["Content-Type"] = "application/octet-stream"
		}
		if rand.IntN(3) == 0 {
			h["X-"+readPartsWord()] = readPartsWord()
		}
		mh := textproto.MIMEHeader{}
		for k, v := range h {
			mh.Set(k, v)
		}
		w, err := mw.CreatePart(mh)
		if err != nil {
			t.Fatal(err)
		}
		body := readPartsBytes(rand.IntN(2000))
		if rand.IntN(2) == 0 { // the boundary in the body, but not a delimiter
			body = append(body, "\r\n--"+mw.Boundary()+"x"...)
			body = append(body, readPartsBytes(rand.IntN(100))...)
		}
		w.Write(body)
		canon := map[string]string{}
		for k, v := range h {
			canon[textproto.CanonicalMIMEHeaderKey(k)] = v
		}
		want = append(want, readPartsWant{canon, body})
	}
	mw.Close()
	return buf.Bytes(), mw.Boundary(), want
}

func TestReadPartsSplitsABody(t *testing.T) {
	for range 50 {
		body, boundary, want := readPartsBody(t)
		got, err := ReadParts(body, boundary)
		if err != nil {
			t.Fatalf("ReadParts of a %d-byte body of %d parts (starting %.80q): error %v, want the parts",
				len(body), len(want), body, err)
		}
		if len(got) != len(want) {
			t.Fatalf("ReadParts of a %d-byte body of %d parts (starting %.80q): %d parts, want %d",
				len(body), len(want), body, len(got), len(want))
		}
		for i := range want {
			if !maps.Equal(got[i].Header, want[i].header) {
				t.Fatalf("part %d: Header %q, want %q", i+1, got[i].Header, want[i].header)
			}
			if !bytes.Equal(got[i].Body, want[i].body) {
				t.Fatalf("part %d: Body %.100q (%d bytes), want %.100q (%d bytes): the body ends at CRLF --boundary, followed by CRLF or --, and nowhere else",
					i+1, got[i].Body, len(got[i].Body), want[i].body, len(want[i].body))
			}
		}
	}
}

func TestReadPartsRefusesBrokenBodies(t *testing.T) {
	body, boundary, _ := readPartsBody(t)
	cut := rand.IntN(len(body) - 2)
	if parts, err := ReadParts(body[:cut], boundary); err == nil {
		t.Errorf("ReadParts of a body cut after %d of its %d bytes: %d parts and no error, want an error: the last delimiter is missing", cut, len(body), len(parts))
	}
	if parts, err := ReadParts(body, readPartsWord()); err == nil {
		t.Errorf("ReadParts with a boundary the body does not use: %d parts and no error, want an error", len(parts))
	}
	b := "x" + readPartsWord()
	bad := "--" + b + "\r\nContent-Disposition form-data\r\n\r\nvalue\r\n--" + b + "--\r\n"
	if parts, err := ReadParts([]byte(bad), b); err == nil {
		t.Errorf("ReadParts(%q): %d parts and no error, want an error: a header line without a colon", bad, len(parts))
	}
}
