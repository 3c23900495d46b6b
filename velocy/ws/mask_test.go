package ws

import (
	"bytes"
	"testing"
)

// maskOracle is masking as RFC 6455 writes it: byte i XOR key[i mod 4].
func maskOracle(key [4]byte, pos int, b []byte) {
	for i := range b {
		b[i] ^= key[(pos+i)%4]
	}
}

func TestMaskBytesMatchesOracle(t *testing.T) {
	key := [4]byte{0x12, 0x34, 0x56, 0x78}
	src := make([]byte, 300)
	for i := range src {
		src[i] = byte(i * 7)
	}
	for pos := range 4 {
		for off := range 9 { // unaligned starts
			for n := 0; n+off <= len(src); n += 1 + n/4 {
				got := bytes.Clone(src[off : off+n])
				want := bytes.Clone(got)
				if p := maskBytes(key, pos, got); p != (pos+n)%4 {
					t.Fatalf("pos %d n %d: returned position %d, want %d", pos, n, p, (pos+n)%4)
				}
				maskOracle(key, pos, want)
				if !bytes.Equal(got, want) {
					t.Fatalf("pos %d off %d n %d: masked bytes differ from the oracle", pos, off, n)
				}
			}
		}
	}
}

// TestMaskBytesInPieces masks a buffer in uneven pieces, carrying the key
// position, as the reader does across short reads.
func TestMaskBytesInPieces(t *testing.T) {
	key := [4]byte{1, 2, 3, 4}
	src := bytes.Repeat([]byte("abcdefghij"), 50)
	want := bytes.Clone(src)
	maskOracle(key, 0, want)
	got := bytes.Clone(src)
	pos := 0
	for i, step := 0, 1; i < len(got); i, step = i+step, step*3%37+1 {
		end := min(i+step, len(got))
		pos = maskBytes(key, pos, got[i:end])
	}
	if !bytes.Equal(got, want) {
		t.Fatal("masking in pieces differs from the oracle")
	}
}

func BenchmarkMask4KiB(b *testing.B) {
	buf := make([]byte, 4096)
	key := [4]byte{1, 2, 3, 4}
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		maskBytes(key, 1, buf)
	}
}
