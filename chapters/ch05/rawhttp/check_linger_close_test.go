package rawhttp

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"testing"
	"testing/synctest"
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

// lingerCloseConn is the server's end of an in-memory connection that records
// CloseWrite, which net.Pipe does not have, and counts the bytes read.
type lingerCloseConn struct {
	net.Conn
	closedWrite bool
	read        int
}

func (c *lingerCloseConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read += n
	return n, err
}

func (c *lingerCloseConn) CloseWrite() error {
	c.closedWrite = true
	return nil
}

func TestLingerCloseDrains(t *testing.T) {
	tests := []struct {
		name      string
		send      int  // bytes the client sends after the answer
		hangUp    bool // the client closes once it has sent them
		wantRead  int
		wantTaken time.Duration
		why       string
	}{
		{"a client that sends %d bytes and closes", 1 + rand.IntN(200<<10), true, -1, 0,
			"read until the client closes, then return at once"},
		{"a client that sends %d bytes and keeps the connection open", 1 + rand.IntN(200<<10), false, -1, time.Second,
			"read what comes, and give up after lingerTimeout (1s)"},
		{"a client that sends %d bytes without end", 300<<10 + rand.IntN(100<<10), false, 256 << 10, 0,
			"stop after lingerBytes (256 KiB)"},
	}
	for _, tt := range tests {
		synctest.Test(t, func(t *testing.T) {
			server, client := net.Pipe()
			defer client.Close()
			c := &lingerCloseConn{Conn: server}
			go func() {
				io.WriteString(client, strings.Repeat("x", tt.send))
				if tt.hangUp {
					client.Close()
				}
			}()
			stop := time.AfterFunc(10*time.Second, func() { client.Close() }) // in case lingerClose never stops
			defer stop.Stop()
			start := time.Now()
			lingerClose(c)
			taken := time.Since(start)
			read := c.read
			wantRead := tt.wantRead
			if wantRead < 0 {
				wantRead = tt.send
			}
			name := fmt.Sprintf(tt.name, tt.send)
			if !c.closedWrite || read != wantRead || taken != tt.wantTaken {
				t.Errorf("lingerClose with %s: CloseWrite called %v, read %d bytes, took %v\nwant CloseWrite called, %d bytes read, %v taken: %s",
					name, c.closedWrite, read, taken, wantRead, tt.wantTaken, tt.why)
			}
		})
	}
}
