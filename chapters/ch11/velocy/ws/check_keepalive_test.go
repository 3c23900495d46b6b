package ws

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"testing"
	"testing/synctest"
	"time"
)

func TestFrKeepaliveDeadPeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		defer b.Close()
		interval := time.Duration(1+rand.IntN(60)) * time.Second
		timeout := time.Duration(1+rand.IntN(30)) * time.Second
		c := newConn(a, nil, true, "", ConnOptions{PingInterval: interval, PongTimeout: timeout})
		pings := make(chan int, 1)
		go func() { // a peer that reads and never answers
			peer := &frPeer{t: t, nc: b, br: bufio.NewReader(b)}
			n := 0
			for {
				f, err := peer.next()
				if err != nil {
					pings <- n
					return
				}
				if f.op == opPing {
					n++
				}
			}
		}()
		// Hang protection in fake time.
		guard := time.AfterFunc(100*(interval+timeout), func() { b.Close() })
		defer guard.Stop()
		start := time.Now()
		_, _, err := c.ReadMessage()
		elapsed := time.Since(start)
		b.Close()
		n := <-pings
		if n == 0 {
			t.Fatalf("no ping in %v of silence with PingInterval %v: ping a peer that has been silent for PingInterval", elapsed, interval)
		}
		if !errors.Is(err, ErrDeadPeer) {
			t.Fatalf("ReadMessage() with a peer that never answers = %v after %v, want ErrDeadPeer after PingInterval+PongTimeout (%v)", err, elapsed, interval+timeout)
		}
		if elapsed < interval+timeout || elapsed > 2*(interval+timeout) {
			t.Fatalf("ErrDeadPeer after %v (fake time), want PingInterval+PongTimeout = %v", elapsed, interval+timeout)
		}
	})
}

func TestFrKeepaliveLivePeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		defer b.Close()
		interval := time.Duration(1+rand.IntN(10)) * time.Second
		c := newConn(a, nil, true, "", ConnOptions{PingInterval: interval})
		msg := frRandomBytes(1 + rand.IntN(100))
		go func() { // a peer that answers every ping, and talks after a while
			peer := &frPeer{t: t, nc: b, br: bufio.NewReader(b)}
			for n := 0; ; {
				f, err := peer.next()
				if err != nil {
					return
				}
				if f.op != opPing {
					continue
				}
				if n++; n == 5 {
					b.Write(frFrame(true, opBinary, msg, true))
				} else {
					b.Write(frFrame(true, opPong, f.payload, true))
				}
			}
		}()
		guard := time.AfterFunc(100*interval, func() { b.Close() })
		defer guard.Stop()
		_, got, err := c.ReadMessage()
		if err != nil || !bytes.Equal(got, msg) {
			t.Fatalf("ReadMessage() with a peer that answers pings = %d bytes, %v; want its message after 5 pings: a pong (any frame) shows the peer is alive", len(got), err)
		}
		c.CloseNow()
	})
}

func TestFrReadMessageContext(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	rc, ok := any(c).(interface {
		ReadMessageContext(context.Context) (MessageType, []byte, error)
		SetReadDeadline(time.Time) error
	})
	if !ok {
		t.Fatalf("*Conn has no ReadMessageContext(ctx) (MessageType, []byte, error) and SetReadDeadline(time.Time) error")
	}
	rc.SetReadDeadline(time.Now().Add(frWait))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := rc.ReadMessageContext(ctx)
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("ReadMessageContext(canceled ctx) = %v, want context.Canceled", err)
		}
	case <-time.After(frWait):
		t.Fatalf("ReadMessageContext did not return %v after its context was canceled: wake the read with a past deadline", frWait)
	}
	// Nothing of a message had arrived: the Conn is still usable.
	msg := frRandomBytes(1 + rand.IntN(100))
	peer.send(frFrame(true, opBinary, msg, true))
	if _, got, err := c.ReadMessage(); err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("ReadMessage() after a canceled ReadMessageContext = %d bytes, %v; want the next message: the user's deadline put back", len(got), err)
	}
}
