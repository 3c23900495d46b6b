package ws

import (
	"errors"
	"net"
	"testing"
	"testing/synctest"
	"time"
)

// TestKeepaliveDeadPeer: a peer that reads but never answers gets a ping
// after PingInterval of silence, and PongTimeout later the reader reports
// ErrDeadPeer. Time is synctest's, so nothing waits for real.
func TestKeepaliveDeadPeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		defer b.Close()
		srv := newConn(a, nil, true, "", ConnOptions{PingInterval: 30 * time.Second, PongTimeout: 10 * time.Second})
		pings := make(chan rawFrame, 4)
		go func() {
			for {
				f, err := readRaw(b)
				if err != nil {
					close(pings)
					return
				}
				pings <- f
			}
		}()
		start := time.Now()
		_, _, err := srv.ReadMessage()
		if !errors.Is(err, ErrDeadPeer) {
			t.Fatalf("reader: %v, want ErrDeadPeer", err)
		}
		f, ok := <-pings
		if !ok || f.op != opPing {
			t.Fatalf("peer saw %+v (ok %v), want a ping", f, ok)
		}
		// Fake time: the exact moment is the design's, not the machine's.
		if got := time.Since(start); got != 40*time.Second {
			t.Fatalf("dead after %v, want PingInterval+PongTimeout = 40s", got)
		}
	})
}

// TestKeepaliveLivePeer: a peer whose Conn reads answers every ping, so the
// connection outlives many intervals; any frame from the peer also counts.
func TestKeepaliveLivePeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		srv := newConn(a, nil, true, "", ConnOptions{PingInterval: time.Second, PongTimeout: time.Second})
		cl := newConn(b, nil, false, "", ConnOptions{})
		srvErr := make(chan error, 1)
		go func() { srvErr <- echo(srv) }()
		clErr := make(chan error, 1)
		go func() {
			for {
				if _, _, err := cl.ReadMessage(); err != nil {
					clErr <- err
					return
				}
			}
		}()
		time.Sleep(time.Minute) // 60 intervals
		synctest.Wait()
		select {
		case err := <-srvErr:
			t.Fatalf("server reader ended: %v", err)
		default:
		}
		if err := cl.WriteMessage(TextMessage, []byte("alive")); err != nil {
			t.Fatal(err)
		}
		cl.Close()
		var ce *CloseError
		if err := <-srvErr; !errors.As(err, &ce) {
			t.Fatalf("server reader: %v, want the client's close", err)
		}
		<-clErr
	})
}

// TestCloseTimeout: a peer that never sends its close frame holds Close for
// CloseTimeout, then the connection is closed anyway.
func TestCloseTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		srv := newConn(a, nil, true, "", ConnOptions{CloseTimeout: 3 * time.Second})
		seen := make(chan rawFrame, 1)
		go func() {
			f, _ := readRaw(b)
			seen <- f
			readRaw(b) // until the server closes
			b.Close()
		}()
		if err := srv.Close(); err != nil {
			t.Fatal(err)
		}
		if f := <-seen; f.op != opClose || closeCodeOf(f) != CloseNormal {
			t.Fatalf("peer saw %+v, want close 1000", f)
		}
	})
}

// TestWriteTimeout: a peer that does not read makes a write fail after
// WriteTimeout, and later writes report the same error.
func TestWriteTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		defer b.Close()
		srv := newConn(a, nil, true, "", ConnOptions{WriteTimeout: 2 * time.Second})
		err := srv.WriteMessage(BinaryMessage, []byte("nobody reads this"))
		if !isTimeout(err) {
			t.Fatalf("got %v, want a timeout", err)
		}
		if err2 := srv.WriteMessage(BinaryMessage, nil); err2 == nil {
			t.Fatal("a write after a failed write succeeded")
		}
		srv.CloseNow()
	})
}

// TestKeepaliveCadence: with a PongTimeout longer than PingInterval, a peer
// that answers every ping at once still gets one ping per interval of
// silence; the long timeout must not stretch the gap between pings.
func TestKeepaliveCadence(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		srv := newConn(a, nil, true, "", ConnOptions{PingInterval: time.Second, PongTimeout: 30 * time.Second})
		srvErr := make(chan error, 1)
		go func() { srvErr <- echo(srv) }()
		pings := 0
		go func() {
			for {
				f, err := readRaw(b)
				if err != nil {
					return
				}
				if f.op == opPing {
					pings++
					if _, err := b.Write(wireFrame(true, 0, opPong, f.payload, true)); err != nil {
						return
					}
				}
			}
		}()
		time.Sleep(10*time.Second + time.Second/2)
		synctest.Wait()
		if pings != 10 {
			t.Fatalf("%d pings in 10.5 s with PingInterval 1 s, want 10", pings)
		}
		b.Close()
		<-srvErr
	})
}
