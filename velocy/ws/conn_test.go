package ws

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// connPair returns a server and a client Conn over loopback TCP.
func connPair(t testing.TB, sopts, copts ConnOptions) (srv, cl *Conn) {
	a, b := tcpPair(t)
	return newConn(a, bufio.NewReader(a), true, "", sopts), newConn(b, bufio.NewReader(b), false, "", copts)
}

func TestRoundTripBothSides(t *testing.T) {
	srv, cl := connPair(t, ConnOptions{}, ConnOptions{})
	cl.nc.SetDeadline(time.Now().Add(hangGuard))
	done := make(chan error, 1)
	go func() { done <- echo(srv) }()
	for _, n := range []int{0, 1, 125, 126, 4095, 4096, 4097, 70000, 300000} {
		for _, typ := range []MessageType{TextMessage, BinaryMessage} {
			msg := bytes.Repeat([]byte("abcdefg"), n/7+1)[:n]
			if err := cl.WriteMessage(typ, msg); err != nil {
				t.Fatal(err)
			}
			gt, got, err := cl.ReadMessage()
			if err != nil || gt != typ || !bytes.Equal(got, msg) {
				t.Fatalf("%d bytes of %d: got type %d, %d bytes, %v", n, typ, gt, len(got), err)
			}
		}
	}
	// A streamed client message: masked fragments, reassembled.
	w, err := cl.NextWriter(BinaryMessage)
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte{1, 2, 3}, 10000)
	for i := 0; i < len(big); i += 777 {
		w.Write(big[i:min(i+777, len(big))])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	_, r, err := cl.NextReader()
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("streamed message: %d bytes, %v", len(got), err)
	}
	if err := cl.Close(); err != nil {
		t.Fatal(err)
	}
	var ce *CloseError
	if err := <-done; !errors.As(err, &ce) || ce.Code != CloseNormal {
		t.Fatalf("server reader: %v, want close 1000", err)
	}
	if err := cl.WriteMessage(TextMessage, nil); !errors.Is(err, ErrCloseSent) {
		t.Fatalf("write after Close: %v, want ErrCloseSent", err)
	}
}

func TestClientMasksAndRefusesMasked(t *testing.T) {
	a, b := tcpPair(t)
	cl := newConn(a, bufio.NewReader(a), false, "", ConnOptions{})
	b.SetDeadline(time.Now().Add(hangGuard))
	if err := cl.WriteMessage(TextMessage, []byte("hi there")); err != nil {
		t.Fatal(err)
	}
	f, err := readRaw(b)
	if err != nil || !f.masked || string(f.payload) != "hi there" {
		t.Fatalf("client frame: %+v, %v; want masked \"hi there\"", f, err)
	}
	b.Write(cf(true, opText, "masked by a server"))
	var pe *ProtocolError
	if _, _, err := cl.ReadMessage(); !errors.As(err, &pe) || pe != errMasked {
		t.Fatalf("client read: %v, want %v", err, errMasked)
	}
	if f, err := readRaw(b); err != nil || f.op != opClose || closeCodeOf(f) != CloseProtocolError || !f.masked {
		t.Fatalf("client's close: %+v, %v; want masked close 1002", f, err)
	}
}

// TestBufferedBytesFirst checks that frames already in br (read past the
// handshake) are read before the socket.
func TestBufferedBytesFirst(t *testing.T) {
	a, b := tcpPair(t)
	b.SetDeadline(time.Now().Add(hangGuard))
	// The handshake's reader holds the first frame already.
	br := bufio.NewReader(io.MultiReader(bytes.NewReader(cf(true, opText, "early")), a))
	br.Peek(1)
	srv := newConn(a, br, true, "", ConnOptions{})
	b.Write(cf(true, opText, "late"))
	for _, want := range []string{"early", "late"} {
		_, p, err := srv.ReadMessage()
		if err != nil || string(p) != want {
			t.Fatalf("got %q, %v; want %q", p, err, want)
		}
	}
}

func TestCloseWithReaderRunning(t *testing.T) {
	srv, cl := connPair(t, ConnOptions{}, ConnOptions{})
	cl.nc.SetDeadline(time.Now().Add(hangGuard))
	srvDone := make(chan error, 1)
	go func() { srvDone <- echo(srv) }()
	clDone := make(chan error, 1)
	go func() {
		for {
			if _, _, err := cl.ReadMessage(); err != nil {
				clDone <- err
				return
			}
		}
	}()
	if err := cl.CloseWith(CloseGoingAway, "bye"); err != nil {
		t.Fatal(err)
	}
	var ce *CloseError
	if err := <-srvDone; !errors.As(err, &ce) || ce.Code != CloseGoingAway || ce.Reason != "bye" {
		t.Fatalf("server saw %v, want close 1001 \"bye\"", err)
	}
	if err := <-clDone; !errors.As(err, &ce) || ce.Code != CloseGoingAway {
		t.Fatalf("client reader saw %v, want the echoed 1001", err)
	}
}

func TestCloseWithRejectsBadInput(t *testing.T) {
	srv, _ := connPair(t, ConnOptions{}, ConnOptions{})
	for _, code := range []int{0, 999, 1005, 1006, 1015, 2000, 5000} {
		if err := srv.CloseWith(code, ""); err == nil {
			t.Errorf("CloseWith(%d) accepted", code)
		}
	}
	if err := srv.CloseWith(1000, string(make([]byte, 124))); err == nil {
		t.Error("a 124-byte reason accepted")
	}
	if err := srv.WriteControl(PingMessage, make([]byte, 126), time.Time{}); err == nil {
		t.Error("a 126-byte ping accepted")
	}
	if err := srv.WriteMessage(MessageType(3), nil); err == nil {
		t.Error("message type 3 accepted")
	}
}

func TestReadDeadlineBetweenMessagesKeepsConn(t *testing.T) {
	srv, cl := serverAndRaw(t, ConnOptions{})
	srv.SetReadDeadline(time.Now().Add(-time.Second))
	if _, _, err := srv.ReadMessage(); !isTimeout(err) {
		t.Fatalf("got %v, want a timeout", err)
	}
	srv.SetReadDeadline(time.Now().Add(hangGuard))
	cl.Write(cf(true, opText, "after"))
	if _, p, err := srv.ReadMessage(); err != nil || string(p) != "after" {
		t.Fatalf("got %q, %v after a timeout between messages", p, err)
	}
}

func TestReadMessageContext(t *testing.T) {
	srv, cl := serverAndRaw(t, ConnOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	if _, _, err := srv.ReadMessageContext(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	cl.Write(cf(true, opBinary, "still usable"))
	ctx2, cancel2 := context.WithTimeout(context.Background(), hangGuard)
	defer cancel2()
	if _, p, err := srv.ReadMessageContext(ctx2); err != nil || string(p) != "still usable" {
		t.Fatalf("got %q, %v", p, err)
	}
}

func TestWriteMessageContext(t *testing.T) {
	a, b := net.Pipe() // nobody reads b: the write blocks
	defer b.Close()
	srv := newConn(a, nil, true, "", ConnOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	if err := srv.WriteMessageContext(ctx, TextMessage, []byte("stuck")); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestConcurrentWriters has writers of whole messages, a streaming writer
// and pings race; the peer must see every message whole.
func TestConcurrentWriters(t *testing.T) {
	srv, cl := connPair(t, ConnOptions{WriteBufferSize: 64}, ConnOptions{})
	cl.nc.SetDeadline(time.Now().Add(hangGuard))
	const writers, each = 4, 40
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				msg := bytes.Repeat([]byte{byte('a' + w)}, 10+i*7)
				if err := srv.WriteMessage(BinaryMessage, msg); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		for range each {
			w, err := srv.NextWriter(TextMessage)
			if err != nil {
				t.Error(err)
				return
			}
			for range 10 {
				w.Write([]byte("zzzzzzzzzzzzzzzzzzzzzzzzz"))
			}
			w.Close()
		}
	})
	wg.Go(func() {
		for range each {
			srv.WriteControl(PingMessage, []byte("p"), time.Now().Add(hangGuard))
		}
	})
	for range writers*each + each {
		typ, p, err := cl.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		if typ == TextMessage && len(p) != 250 || len(p) > 0 && len(bytes.Trim(p, string(p[:1]))) != 0 {
			t.Fatalf("message mixed up: type %d, %d bytes", typ, len(p))
		}
	}
	wg.Wait()
}

func TestNextReaderStaleAndSkipped(t *testing.T) {
	srv, cl := serverAndRaw(t, ConnOptions{})
	cl.SetDeadline(time.Now().Add(hangGuard))
	cl.Write(frames(cf(false, opText, "one-"), cf(true, opContinuation, "two"), cf(true, opBinary, "next")))
	_, r1, err := srv.NextReader()
	if err != nil {
		t.Fatal(err)
	}
	var b [2]byte
	io.ReadFull(r1, b[:]) // read part, leave the rest
	typ, r2, err := srv.NextReader()
	if err != nil || typ != BinaryMessage {
		t.Fatalf("second message: %d, %v", typ, err)
	}
	if _, err := r1.Read(b[:]); !errors.Is(err, errStaleReader) {
		t.Fatalf("stale reader: %v", err)
	}
	if p, _ := io.ReadAll(r2); string(p) != "next" {
		t.Fatalf("got %q", p)
	}
}

func TestMaxMessageSizeStreaming(t *testing.T) {
	srv, cl := serverAndRaw(t, ConnOptions{MaxMessageSize: 10})
	cl.SetDeadline(time.Now().Add(hangGuard))
	cl.Write(frames(cf(false, opBinary, "123456"), cf(true, opContinuation, "78901")))
	_, r, err := srv.NextReader()
	if err != nil {
		t.Fatal(err)
	}
	var pe *ProtocolError
	if _, err := io.ReadAll(r); !errors.As(err, &pe) || pe.Code != CloseMessageTooBig {
		t.Fatalf("got %v, want 1009", err)
	}
}

// TestNextWriterFrames shows the frames NextWriter makes: one per buffer
// fill, the type first, then continuations, FIN on Close.
func TestNextWriterFrames(t *testing.T) {
	a, b := net.Pipe()
	defer b.Close()
	srv := newConn(a, nil, true, "", ConnOptions{WriteBufferSize: 4})
	go func() {
		w, _ := srv.NextWriter(TextMessage)
		fmt.Fprintf(w, "hello, %s", "gopher")
		w.Close()
	}()
	var got []string
	for {
		f, err := readRaw(b)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("op=%d fin=%v %q", f.op, f.fin, f.payload))
		if f.fin {
			break
		}
	}
	want := []string{`op=1 fin=false "hell"`, `op=0 fin=false "o, g"`, `op=0 fin=false "ophe"`, `op=0 fin=true "r"`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("frames %q, want %q", got, want)
	}
}
