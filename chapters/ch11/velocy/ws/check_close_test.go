package ws

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"testing"
	"testing/synctest"
	"time"
)

// frValidCodes are close codes a peer may send.
var frValidCodes = []int{1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011}

func TestFrPeerCloseEchoed(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	code := frValidCodes[rand.IntN(len(frValidCodes))]
	if rand.IntN(2) == 0 {
		code = 3000 + rand.IntN(2000)
	}
	reason := string(frRandomText(rand.IntN(60)))
	peer.send(frCloseFrame(code, reason, true))
	_, _, err := c.ReadMessage()
	var ce *CloseError
	if !errors.As(err, &ce) || ce.Code != code || ce.Reason != reason {
		t.Fatalf("ReadMessage() after the peer's close(%d, %q) = %v, want *CloseError{%d, %q}", code, reason, err, code, reason)
	}
	f, err := peer.next()
	if err != nil || f.op != opClose {
		t.Fatalf("peer: after its close frame got op %#x, %v; want a close frame back: the endpoint that receives a close MUST send one in response (RFC 6455 5.5.1)", f.op, err)
	}
	if len(f.payload) < 2 || int(binary.BigEndian.Uint16(f.payload)) != code {
		t.Fatalf("peer: the echoed close carries % x, want code %d: echo the status code received", f.payload, code)
	}
	if _, err := peer.next(); err == nil {
		t.Fatalf("peer: a frame after the close echo, want the connection closed")
	}
	if err := c.WriteMessage(TextMessage, []byte("late")); !errors.Is(err, ErrCloseSent) {
		t.Fatalf("WriteMessage after echoing a close = %v, want ErrCloseSent", err)
	}
}

func TestFrPeerCloseMalformed(t *testing.T) {
	frExpectFail(t, true, ConnOptions{}, frFrame(true, opClose, []byte{byte(rand.Uint32())}, true), CloseProtocolError,
		"a close payload of one byte: a code is 2 bytes or absent (RFC 6455 5.5.1)")
	reason := append(frRandomText(rand.IntN(30)), 0xC0, 0xAF)
	frExpectFail(t, true, ConnOptions{}, frCloseFrame(CloseNormal, string(reason), true), CloseInvalidPayload,
		"the close reason is not UTF-8: 1007, like a text message (RFC 6455 5.5.1, 8.1)")
}

func TestFrCloseWithHandshake(t *testing.T) {
	c, peer := frPair(t, true, ConnOptions{})
	code := 3000 + rand.IntN(2000)
	reason := string(frRandomText(rand.IntN(60)))
	done := make(chan error, 1)
	go func() { done <- c.CloseWith(code, reason) }()
	f, err := peer.next()
	if err != nil || f.op != opClose {
		t.Fatalf("peer: CloseWith(%d, %q) sent op %#x, %v; want a close frame first (RFC 6455 7.1.2)", code, reason, f.op, err)
	}
	if len(f.payload) < 2 || int(binary.BigEndian.Uint16(f.payload)) != code || string(f.payload[2:]) != reason {
		t.Fatalf("peer: close payload % x, want code %d and reason %q", f.payload, code, reason)
	}
	// The peer sends a message first, then its close: CloseWith, reading
	// for itself, drops the message and returns once the close is in.
	peer.send(frFrame(true, opText, []byte("still talking"), true), frCloseFrame(code, "", true))
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("CloseWith(%d, %q) = %v, want nil after the peer answered", code, reason, err)
		}
	case <-time.After(frWait):
		t.Fatalf("CloseWith did not return %v after the peer's close came", frWait)
	}
	if _, err := peer.next(); err == nil {
		t.Fatalf("peer: a frame after the handshake, want the connection closed")
	} else if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("peer: the connection stays open after CloseWith returned")
		}
	}
	if err := c.WriteMessage(BinaryMessage, nil); !errors.Is(err, ErrCloseSent) {
		t.Fatalf("WriteMessage after CloseWith = %v, want ErrCloseSent", err)
	}
}

func TestFrCloseTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := net.Pipe()
		defer b.Close()
		wait := time.Duration(1+rand.IntN(10)) * time.Second
		c := newConn(a, nil, true, "", ConnOptions{CloseTimeout: wait})
		sawClose := make(chan bool, 1)
		go func() { // a peer that reads everything and never answers
			peer := &frPeer{t: t, nc: b, br: bufio.NewReader(b)}
			saw := false
			for {
				f, err := peer.next()
				if err != nil {
					sawClose <- saw
					return
				}
				saw = saw || f.op == opClose
			}
		}()
		// Hang protection in fake time: a CloseWith that never gives up
		// is cut here.
		guard := time.AfterFunc(100*wait, func() { b.Close() })
		defer guard.Stop()
		start := time.Now()
		c.CloseWith(CloseGoingAway, "")
		elapsed := time.Since(start)
		if !<-sawClose {
			t.Fatalf("the peer saw no close frame from CloseWith")
		}
		if elapsed < wait || elapsed >= 100*wait {
			t.Fatalf("CloseWith with a silent peer returned after %v (fake time), want CloseTimeout = %v: wait that long for the peer's close, then close the connection", elapsed, wait)
		}
	})
}
