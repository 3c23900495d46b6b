package rawhttp

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// streamLargeDate is the clock the ResponseWriter gets in these checks.
var streamLargeDate = time.Date(2026, 3, 1, 8, 30, 5, 0, time.UTC)

// streamLargeRun runs handler against a ResponseWriter for a GET, kept alive, and
// returns every byte sent.
func streamLargeRun(handler func(w *ResponseWriter)) string {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := newResponseWriter(bw, &Request{Method: "GET", Major: 1, Minor: 1, Header: Header{}})
	w.now = func() time.Time { return streamLargeDate }
	w.close = false
	handler(w)
	w.finish()
	bw.Flush()
	return buf.String()
}

// streamLargeBody returns n random bytes of text.
func streamLargeBody(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 "
	p := make([]byte, n)
	for i := range p {
		p[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(p)
}

// streamLargeWrite writes body to w in random pieces of up to 16 KiB.
func streamLargeWrite(w io.Writer, body string) {
	for body != "" {
		n := min(len(body), 1+rand.IntN(16<<10))
		io.WriteString(w, body[:n])
		body = body[n:]
	}
}

func TestLargeBodyStreams(t *testing.T) {
	size := 64<<10 + 1 + rand.IntN(128<<10)
	body := streamLargeBody(size)
	var headSent bool
	got := streamLargeRun(func(w *ResponseWriter) {
		streamLargeWrite(w, body)
		headSent = w.headSent
	})
	if !headSent {
		t.Errorf("a handler wrote %d bytes and did not call Flush; when it returned, w.headSent was still false, "+
			"want true: past 64 KiB, Write must call Flush itself, so that the server never holds more than 64 KiB of a body", size)
	}
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(got)), nil)
	if err != nil {
		t.Fatalf("a handler wrote %d bytes: the response %.200q... cannot be read: %v", size, got, err)
	}
	read, err := io.ReadAll(resp.Body)
	if err != nil || string(read) != body || len(resp.TransferEncoding) == 0 {
		t.Errorf("a handler wrote %d bytes: response head %.120q..., Transfer-Encoding %q, body of %d bytes (%v), "+
			"want the whole body in chunks", size, got, resp.TransferEncoding, len(read), err)
	}

	body = streamLargeBody(64 << 10)
	got = streamLargeRun(func(w *ResponseWriter) {
		streamLargeWrite(w, body)
		headSent = w.headSent
	})
	if want := "HTTP/1.1 200 OK\r\nContent-Length: 65536\r\n"; headSent || !strings.HasPrefix(got, want) {
		t.Errorf("a handler wrote exactly 64 KiB: w.headSent %v, response %.80q..., want it held back and sent with %q: "+
			"only a body over 64 KiB is streamed", headSent, got, want)
	}
}

func TestFlushAfterRefusedHead(t *testing.T) {
	bad, more := "x\r\nSet-Cookie: admin="+strconv.Itoa(rand.IntN(1000)), streamLargeBody(1+rand.IntN(100))
	var flushErr, writeErr error
	var n int
	got := streamLargeRun(func(w *ResponseWriter) {
		w.Header().Set("X-Name", bad)
		flushErr = w.Flush()
		n, writeErr = io.WriteString(w, more)
	})
	const want = "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 72\r\nContent-Type: text/plain; charset=utf-8\r\n" +
		"Date: Sun, 01 Mar 2026 08:30:05 GMT\r\n\r\n500 Internal Server Error: the handler's response header cannot be sent\n"
	if got != want {
		t.Errorf("a handler set X-Name: %q, called Flush and wrote %q: sent\n%q\nwant the 500 response alone\n%q\n"+
			"(once sending the head failed, remember the error in w.err and send nothing more: no chunk, no last chunk)", bad, more, got, want)
	}
	if !errors.Is(flushErr, ErrInvalidHeader) || writeErr == nil || n != 0 {
		t.Errorf("a handler set X-Name: %q, called Flush and wrote %q: Flush returned %v, the Write %d, %v; "+
			"want ErrInvalidHeader from Flush, then 0 and an error from every Write", bad, more, flushErr, n, writeErr)
	}
}
