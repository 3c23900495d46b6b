package ws

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"time"
)

// Group 9 (scaled down: the cap is 256 KiB here, so the suite stays fast)
// and 10.1.1.

const abCap = 256 << 10

// fragmented sends p as a message of fragments of size n.
func fragmented(op byte, p string, n int) []byte {
	var out []byte
	for first := true; first || len(p) > 0; first = false {
		k := min(n, len(p))
		o := byte(opContinuation)
		if first {
			o = op
		}
		out = append(out, cf(k == len(p), o, p[:k])...)
		p = p[k:]
	}
	return out
}

func TestAutobahnLimits(t *testing.T) { // group 9
	opts := ConnOptions{MaxMessageSize: abCap}
	at, over := strings.Repeat("*", abCap), strings.Repeat("*", abCap+1)
	half := strings.Repeat("*", abCap/2)
	// A header alone announcing a 1 GiB binary frame: refused before any
	// payload is sent.
	huge := []byte{0x80 | opBinary, 0x80 | 127}
	huge = binary.BigEndian.AppendUint64(huge, 1<<30)
	huge = append(huge, 1, 2, 3, 4)
	cases := []abCase{
		{name: "9.1.1_text_64KiB", opts: opts, send: [][]byte{cf(true, opText, at[:64<<10])}, want: []rawFrame{text(at[:64<<10])}},
		{name: "9.1.2_text_at_the_cap", opts: opts, send: [][]byte{cf(true, opText, at)}, want: []rawFrame{text(at)}},
		{name: "9.2.2_binary_at_the_cap", opts: opts, send: [][]byte{cf(true, opBinary, at)}, want: []rawFrame{binary_(at)}},
		{name: "x_text_one_byte_over_the_cap", opts: opts, failFast: true, send: [][]byte{cf(true, opText, over)[:14], []byte(over)}, close: CloseMessageTooBig},
		{name: "x_fragments_over_the_cap", opts: opts, failFast: true, send: [][]byte{frames(cf(false, opText, half), cf(false, opContinuation, half), cf(true, opContinuation, "*")[:6]), []byte("*")}, close: CloseMessageTooBig},
		{name: "x_header_of_1GiB_frame", opts: opts, failFast: true, send: [][]byte{huge, nil}, close: CloseMessageTooBig},
	}
	for i, n := range []int{64, 256, 1 << 10, 4 << 10, 16 << 10, 64 << 10} {
		cases = append(cases,
			abCase{name: "9.4." + itoa(i+1) + "_binary_cap_in_fragments_of_" + itoa(n), opts: opts, chunk: 64 << 10,
				send: [][]byte{fragmented(opBinary, at, n)}, want: []rawFrame{binary_(at)}},
			abCase{name: "9.6." + itoa(i+1) + "_binary_in_" + itoa(n) + "_byte_writes", opts: opts, chunk: n,
				send: [][]byte{cf(true, opBinary, half)}, want: []rawFrame{binary_(half)}},
		)
	}
	runAutobahn(t, cases)
}

// TestAutobahnAutoFragmentation is 10.1.1 seen from the writer: a message
// written through NextWriter leaves as frames of WriteBufferSize.
func TestAutobahnAutoFragmentation(t *testing.T) {
	const size, buf = 65536, 1300
	srv, cl := serverAndRaw(t, ConnOptions{WriteBufferSize: buf})
	cl.SetDeadline(time.Now().Add(hangGuard))
	msg := bytes.Repeat([]byte("0123456789"), size/10+1)[:size]
	go func() {
		cl.Write(cf(true, opText, string(msg)))
	}()
	errc := make(chan error, 1)
	go func() {
		typ, r, err := srv.NextReader()
		if err != nil {
			errc <- err
			return
		}
		w, err := srv.NextWriter(typ)
		if err != nil {
			errc <- err
			return
		}
		if _, err := io.Copy(w, r); err != nil {
			errc <- err
			return
		}
		errc <- w.Close()
	}()
	var got []byte
	for i := 0; ; i++ {
		f, err := readRaw(cl)
		if err != nil {
			t.Fatal(err)
		}
		wantOp := byte(opContinuation)
		if i == 0 {
			wantOp = opText
		}
		last := len(got)+len(f.payload) == size
		if f.op != wantOp || f.fin != last || (!last && len(f.payload) != buf) {
			t.Fatalf("frame %d: op %d fin %v len %d, want op %d fin %v len %d", i, f.op, f.fin, len(f.payload), wantOp, last, buf)
		}
		got = append(got, f.payload...)
		if f.fin {
			break
		}
	}
	if !bytes.Equal(got, msg) {
		t.Fatal("message changed on the way")
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}
