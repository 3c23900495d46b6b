package ws

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// frMaskOracle is the byte loop maskBytes must agree with.
func frMaskOracle(key [4]byte, pos int, b []byte) int {
	for i := range b {
		b[i] ^= key[(pos+i)%4]
	}
	return (pos + len(b)) % 4
}

// frRandomBytes returns n random bytes.
func frRandomBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	return b
}

func TestFrMaskBytesMatchesByteLoop(t *testing.T) {
	for i := range 500 {
		n := rand.IntN(80)
		if i%4 == 0 {
			n = rand.IntN(5000)
		}
		key, pos := frRandomKey(), rand.IntN(4)
		// b sits at a random offset inside a larger buffer, so it is not
		// aligned, and the bytes around it must not change.
		off := rand.IntN(16)
		buf := frRandomBytes(off + n + 16)
		want := bytes.Clone(buf)
		wantPos := frMaskOracle(key, pos, want[off:off+n])
		gotPos := maskBytes(key, pos, buf[off:off+n])
		if !bytes.Equal(buf[off:off+n], want[off:off+n]) {
			j := 0
			for buf[off+j] == want[off+j] {
				j++
			}
			t.Fatalf("maskBytes(key % x, pos %d, %d bytes): byte %d = %#x, want %#x (the byte loop's b[i] ^ key[(pos+i)%%4])",
				key, pos, n, j, buf[off+j], want[off+j])
		}
		if !bytes.Equal(buf[:off], want[:off]) || !bytes.Equal(buf[off+n:], want[off+n:]) {
			t.Fatalf("maskBytes(key % x, pos %d, %d bytes) changed bytes outside b: stop the word loop 8 bytes before the end", key, pos, n)
		}
		if gotPos != wantPos {
			t.Fatalf("maskBytes(key % x, pos %d, %d bytes) = %d, want %d: the key position after b, (pos+len(b))%%4", key, pos, n, gotPos, wantPos)
		}
	}
}

func TestFrMaskBytesInPieces(t *testing.T) {
	// A payload read in chunks of any size: the position carries the key's
	// phase from one call to the next.
	for range 100 {
		key := frRandomKey()
		payload := frRandomBytes(rand.IntN(3000))
		want := bytes.Clone(payload)
		frMaskOracle(key, 0, want)
		pos, rest := 0, payload
		var cuts []int
		for len(rest) > 0 {
			k := min(len(rest), 1+rand.IntN(100))
			pos = maskBytes(key, pos, rest[:k])
			rest = rest[k:]
			cuts = append(cuts, k)
		}
		if !bytes.Equal(payload, want) {
			t.Fatalf("maskBytes over %d bytes in pieces %v: result differs from masking it whole; does pos carry across calls?", len(payload), cuts)
		}
	}
}

func TestFrMaskBytesNoAlloc(t *testing.T) {
	b := frRandomBytes(4096)
	key := frRandomKey()
	if n := testing.AllocsPerRun(20, func() { maskBytes(key, 1, b) }); n != 0 {
		t.Fatalf("maskBytes allocates %v times per call, want 0: no temporary slices", n)
	}
}
