package rawhttp

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"testing"
	"time"
)

// lingerClosePatience bounds every network wait in these checks.
const lingerClosePatience = 5 * time.Second

// lingerCloseStart serves s on a fresh loopback port until the test ends.
func lingerCloseStart(t *testing.T, s *Server) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(l)
	t.Cleanup(func() { l.Close() })
	return l.Addr().String()
}

// lingerCloseQuote quotes s with its escapes visible, cut to 160 bytes.
func lingerCloseQuote(s string) string {
	if len(s) <= 160 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q... (%d bytes in all)", s[:160], len(s))
}

// lingerCloseExchange sends raw (from another goroutine, so a server that stops
// reading cannot block it) and returns what comes back until the server closes.
func lingerCloseExchange(t *testing.T, addr, raw string) (string, error) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(lingerClosePatience))
	go io.WriteString(c, raw)
	got, err := io.ReadAll(c)
	return string(got), err
}

// lingerCloseJunk is 100 to 200 KiB of bytes the server never reads as a request.
func lingerCloseJunk() string {
	return strings.Repeat("more junk ", (100<<10+rand.IntN(100<<10))/10)
}

const lingerCloseAdvice = "Closing a socket with unread input makes the kernel send a reset instead of a clean end: " +
	"shut down the writing side (CloseWrite) and read what the client still sends, for a while, before closing"

func TestRefusalIsNotLost(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	addr := lingerCloseStart(t, &Server{})
	raw := "GARBAGE\r\n" + lingerCloseJunk()
	got, err := lingerCloseExchange(t, addr, raw)
	if err != nil || !strings.HasPrefix(got, "HTTP/1.1 400 Bad Request\r\n") {
		t.Errorf("sent %s\nreceived %s, then %v\nwant the 400 response and then a clean end of the connection (EOF). %s",
			lingerCloseQuote(raw), lingerCloseQuote(got), err, lingerCloseAdvice)
	}
}

func TestLastResponseIsNotLost(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	addr := lingerCloseStart(t, &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		io.WriteString(w, "you asked for "+r.Path)
	})})
	path := fmt.Sprintf("/last-%d", rand.IntN(1000))
	raw := "GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" + lingerCloseJunk()
	got, err := lingerCloseExchange(t, addr, raw)
	if err != nil || !strings.HasSuffix(got, "you asked for "+path) {
		t.Errorf("sent %s\nreceived %s, then %v\nwant the response to %s and then a clean end of the connection (EOF): "+
			"a response with Connection: close is the last one, and the bytes after the request stay unread. %s",
			lingerCloseQuote(raw), lingerCloseQuote(got), err, path, lingerCloseAdvice)
	}
}
