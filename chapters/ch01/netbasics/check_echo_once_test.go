package netbasics

import (
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// echoPatience is how long the real-network checks wait for EchoOnce. It is a
// deadline, not a sleep: a correct EchoOnce answers in well under a millisecond.
const echoPatience = 5 * time.Second

// echoListen opens a TCP listener on a free loopback port.
func echoListen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1:0: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

// echoWords are the pieces echoLine builds its lines from.
var echoWords = []string{"ping", "pong", "hello", "tcp", "stream", "42", "x", "über", "a\tb", "!?", "deadline"}

// echoLine returns a random line of two to six words, without its '\n', so
// that an EchoOnce that writes back a fixed text cannot pass.
func echoLine() string {
	words := make([]string, 2+rand.IntN(5))
	for i := range words {
		words[i] = echoWords[rand.IntN(len(echoWords))]
	}
	return strings.Join(words, " ")
}

// echoStart runs EchoOnce(ln, timeout) in a goroutine and returns its result channel.
func echoStart(ln net.Listener, timeout time.Duration) <-chan error {
	done := make(chan error, 1)
	go func() { done <- EchoOnce(ln, timeout) }()
	return done
}

func TestEchoOnceEchoesOneLine(t *testing.T) {
	ln := echoListen(t)
	done := echoStart(ln, echoPatience)

	conn, err := net.DialTimeout("tcp", ln.Addr().String(), echoPatience)
	if err != nil {
		t.Fatalf("dial %s: %v", ln.Addr(), err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(echoPatience))
	first, second := echoLine()+"\n", echoLine()+"\n"
	sent := first + second
	if _, err := io.WriteString(conn, sent); err != nil {
		t.Fatalf("client write: %v", err)
	}

	select {
	case err := <-done:
		if err != nil {
			t.Errorf("EchoOnce returned %v, want nil after echoing %q", err, first)
		}
	case <-time.After(echoPatience):
		t.Fatalf("EchoOnce had not returned %v after the client sent %q: "+
			"it should return after echoing the first line (does it keep reading?)", echoPatience, sent)
	}
	ln.Close() // a connection EchoOnce never accepted is now refused

	got, err := io.ReadAll(conn)
	switch {
	case string(got) != first && err != nil:
		t.Errorf("the client sent %q and read %q (then: %v), want %q: "+
			"did EchoOnce accept a connection and write the first line back?", sent, got, err, first)
	case string(got) != first:
		t.Errorf("the client sent %q and read %q, want %q: "+
			"echo the first line only, exactly as it came, up to and including its '\\n'", sent, got, first)
	case err != nil:
		t.Errorf("the client read %q, then the connection stayed open (%v): "+
			"close the connection when you are done (defer conn.Close())", got, err)
	}
}

func TestEchoOnceClientHangsUp(t *testing.T) {
	ln := echoListen(t)
	done := echoStart(ln, echoPatience)

	conn, err := net.DialTimeout("tcp", ln.Addr().String(), echoPatience)
	if err != nil {
		t.Fatalf("dial %s: %v", ln.Addr(), err)
	}
	conn.Close() // hang up without sending a byte

	select {
	case err := <-done:
		if !errors.Is(err, io.EOF) {
			t.Errorf("EchoOnce with a client that hangs up at once returned %v, want an error wrapping io.EOF "+
				"(return the read error, wrapped with %%w)", err)
		}
	case <-time.After(echoPatience):
		t.Fatalf("EchoOnce had not returned %v after the client hung up: a read from a closed connection "+
			"returns io.EOF, return it", echoPatience)
	}
}

// echoPipeListener is a net.Listener that hands out one end of a net.Pipe.
// Inside a synctest bubble its deadlines run on the fake clock.
type echoPipeListener struct {
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once
}

func echoNewPipeListener(server net.Conn) *echoPipeListener {
	l := &echoPipeListener{conns: make(chan net.Conn, 1), closed: make(chan struct{})}
	l.conns <- server
	return l
}

func (l *echoPipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *echoPipeListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

func (l *echoPipeListener) Addr() net.Addr { return echoPipeAddr{} }

type echoPipeAddr struct{}

func (echoPipeAddr) Network() string { return "pipe" }
func (echoPipeAddr) String() string  { return "pipe" }

func TestEchoOnceSilentClientTimesOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		ln := echoNewPipeListener(server)
		defer ln.Close()
		defer client.Close()

		// A timeout the learner cannot guess: from 2s to 50s, to the millisecond.
		timeout := 2*time.Second + time.Duration(rand.IntN(48_000))*time.Millisecond
		start := time.Now() // the bubble's fake clock: waiting costs no real time
		done := echoStart(ln, timeout)
		select {
		case err := <-done:
			elapsed := time.Since(start)
			switch {
			case err == nil:
				t.Errorf("EchoOnce(ln, %v) with a client that sends nothing returned nil after %v, "+
					"want an error wrapping os.ErrDeadlineExceeded", timeout, elapsed)
			case !errors.Is(err, os.ErrDeadlineExceeded):
				t.Errorf("EchoOnce(ln, %v) with a client that sends nothing returned %v, "+
					"want an error wrapping os.ErrDeadlineExceeded (set it with conn.SetDeadline, wrap with %%w)",
					timeout, err)
			case elapsed != timeout:
				t.Errorf("EchoOnce(ln, %v) gave up after %v, want %v: the deadline is timeout from now "+
					"(time.Now().Add(timeout)), not a number of your own", timeout, elapsed, timeout)
			}
		case <-time.After(2 * time.Minute):
			t.Errorf("EchoOnce(ln, %v) with a client that sends nothing was still waiting after two minutes: "+
				"put a deadline on the connection (conn.SetDeadline(time.Now().Add(timeout)))", timeout)
		}
	})
}

func TestEchoOnceLineInPieces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		ln := echoNewPipeListener(server)
		defer ln.Close()
		defer client.Close()
		done := echoStart(ln, 5*time.Second)

		// The client sends its line in two writes, as a slow network might
		// deliver it. A pipe hands each write to the reader as it is.
		line := echoLine() + "\n"
		cut := 1 + rand.IntN(len(line)-1)
		head, tail := line[:cut], line[cut:]
		go func() {
			if _, err := io.WriteString(client, head); err != nil {
				return
			}
			io.WriteString(client, tail)
		}()
		client.SetReadDeadline(time.Now().Add(time.Minute))
		got, err := io.ReadAll(client)
		switch {
		case len(got) == 0:
			t.Errorf("the client sent %q then %q and read back nothing (%v), want %q: "+
				"did EchoOnce accept the connection and write the line back?", head, tail, err, line)
		case string(got) == head:
			t.Errorf("the client sent %q then %q and read back %q, want %q: "+
				"one Read can return part of a line, because TCP delivers a stream of bytes, not messages; "+
				"read until '\\n' (bufio.Reader.ReadString)", head, tail, got, line)
		case string(got) != line:
			t.Errorf("the client sent %q then %q and read back %q (then: %v), want %q: "+
				"write back the line you read, exactly as it came", head, tail, got, err, line)
		}
		client.Close()
		<-done
	})
}
