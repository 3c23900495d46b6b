package ws

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"
)

// frHeaderBytes encodes a frame header the way the check means it, rules or
// not: rsv is the three reserved bits as a number 0-7, and form picks the
// length encoding (7, 16 or 64 bits; 0 for the shortest that fits).
func frHeaderBytes(fin bool, rsv, op byte, masked bool, key [4]byte, length uint64, form int) []byte {
	b0 := rsv<<4 | op
	if fin {
		b0 |= 0x80
	}
	var mb byte
	if masked {
		mb = 0x80
	}
	if form == 0 {
		switch {
		case length <= 125:
			form = 7
		case length <= 0xFFFF:
			form = 16
		default:
			form = 64
		}
	}
	out := []byte{b0, 0}
	switch form {
	case 7:
		out[1] = mb | byte(length)
	case 16:
		out[1] = mb | 126
		out = binary.BigEndian.AppendUint16(out, uint16(length))
	default:
		out[1] = mb | 127
		out = binary.BigEndian.AppendUint64(out, length)
	}
	if masked {
		out = append(out, key[:]...)
	}
	return out
}

// frRandomLength returns a random payload length whose shortest encoding
// takes 7, 16 or 64 bits, as form says.
func frRandomLength(form int) uint64 {
	switch form {
	case 7:
		return uint64(rand.IntN(126))
	case 16:
		return 126 + uint64(rand.IntN(0xFFFF-126+1))
	}
	return 0x10000 + rand.Uint64N(1<<62)
}

// frRandomKey returns a random masking key.
func frRandomKey() (k [4]byte) {
	binary.LittleEndian.PutUint32(k[:], rand.Uint32())
	return k
}

func TestFrParseHeaderFields(t *testing.T) {
	for i := range 300 {
		form := []int{7, 16, 64}[i%3]
		op := []byte{opContinuation, opText, opBinary}[rand.IntN(3)]
		fin := rand.IntN(2) == 0
		length := frRandomLength(form)
		if i%7 == 0 { // a control frame: short and final
			op = []byte{opClose, opPing, opPong}[rand.IntN(3)]
			fin, form, length = true, 7, uint64(rand.IntN(126))
		}
		masked := rand.IntN(2) == 0
		key := frRandomKey()
		b := frHeaderBytes(fin, 0, op, masked, key, length, form)
		want := len(b)
		// Payload bytes follow the header: parseHeader must stop at its end.
		for range rand.IntN(20) {
			b = append(b, byte(rand.Uint32()))
		}
		desc := fmt.Sprintf("fin=%v op=%#x masked=%v length=%d (%d-bit form), bytes % x", fin, op, masked, length, form, b[:want])
		if got := headerLen(b[1]); got != want {
			t.Fatalf("headerLen(%#x) = %d, want %d for %s: 2 bytes, +2 for 126, +8 for 127, +4 when the mask bit is set", b[1], got, want, desc)
		}
		h, n, perr := parseHeader(b)
		if perr != nil {
			t.Fatalf("parseHeader(%s) refused it: %v; it is a valid header", desc, perr)
		}
		if n != want {
			t.Fatalf("parseHeader(%s) took %d bytes, want %d", desc, n, want)
		}
		if h.fin != fin || h.rsv != 0 || h.op != op || h.masked != masked || h.length != int64(length) {
			t.Fatalf("parseHeader(%s) = fin=%v rsv=%#x op=%#x masked=%v length=%d, want fin=%v rsv=0 op=%#x masked=%v length=%d",
				desc, h.fin, h.rsv, h.op, h.masked, h.length, fin, op, masked, length)
		}
		if masked && h.key != key {
			t.Fatalf("parseHeader(%s) key = % x, want % x: the key is the 4 bytes after the length", desc, h.key, key)
		}
	}
}

func TestFrParseHeaderReservedBitsKept(t *testing.T) {
	// The reserved bits are decoded in place (0x70): the next step refuses
	// them, so they must be seen first.
	rsv := byte(1 + rand.IntN(7))
	b := frHeaderBytes(true, rsv, opBinary, false, [4]byte{}, 3, 0)
	h, _, _ := parseHeader(b)
	if h.rsv != rsv<<4 {
		t.Fatalf("parseHeader(% x).rsv = %#x, want %#x: keep the three bits in place, b[0]&0x70", b, h.rsv, rsv<<4)
	}
}

func TestFrParseHeaderLengthRules(t *testing.T) {
	for range 100 {
		masked := rand.IntN(2) == 0
		key := frRandomKey()
		// 126..65535 is the 16-bit form's range; a smaller length written
		// in it is not minimal (RFC 6455, section 5.2).
		short := uint64(rand.IntN(126))
		b := frHeaderBytes(true, 0, opBinary, masked, key, short, 16)
		if _, _, perr := parseHeader(b); perr != errNonMinimal {
			t.Fatalf("parseHeader(% x) = %v, want errNonMinimal: length %d in the 16-bit form (RFC 6455 5.2: the minimal number of bytes MUST be used)", b, perr, short)
		}
		mid := uint64(rand.IntN(0x10000))
		b = frHeaderBytes(true, 0, opBinary, masked, key, mid, 64)
		if _, _, perr := parseHeader(b); perr != errNonMinimal {
			t.Fatalf("parseHeader(% x) = %v, want errNonMinimal: length %d in the 64-bit form", b, perr, mid)
		}
		top := 1<<63 | rand.Uint64()
		b = frHeaderBytes(true, 0, opBinary, masked, key, top, 64)
		if _, _, perr := parseHeader(b); perr != errLengthMSB {
			t.Fatalf("parseHeader(% x) = %v, want errLengthMSB: a 64-bit length's most significant bit MUST be 0 (RFC 6455 5.2)", b, perr)
		}
	}
}
