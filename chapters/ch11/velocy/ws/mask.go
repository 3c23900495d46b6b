package ws

import (
	"encoding/binary"
	"math/bits"
)

// maskBytes XORs b with the masking key, starting at position pos of the key
// (0-3), and returns the position after b. Masking and unmasking are the same
// operation (RFC 6455, section 5.3).
//
// Word at a time: the key is repeated into a 64-bit word, rotated so that its
// first byte lines up with b's, and XORed 8 bytes per step; the head and tail
// go byte by byte.
func maskBytes(key [4]byte, pos int, b []byte) int {
	if len(b) < 16 {
		for i := range b {
			b[i] ^= key[(pos+i)&3]
		}
		return (pos + len(b)) & 3
	}
	k32 := binary.LittleEndian.Uint32(key[:])
	k32 = bits.RotateLeft32(k32, -8*(pos&3))
	k64 := uint64(k32) | uint64(k32)<<32
	i := 0
	for ; i+32 <= len(b); i += 32 {
		v := b[i : i+32 : i+32]
		binary.LittleEndian.PutUint64(v[0:], binary.LittleEndian.Uint64(v[0:])^k64)
		binary.LittleEndian.PutUint64(v[8:], binary.LittleEndian.Uint64(v[8:])^k64)
		binary.LittleEndian.PutUint64(v[16:], binary.LittleEndian.Uint64(v[16:])^k64)
		binary.LittleEndian.PutUint64(v[24:], binary.LittleEndian.Uint64(v[24:])^k64)
	}
	for ; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], binary.LittleEndian.Uint64(b[i:])^k64)
	}
	// i is a multiple of 8, so the key position is still pos.
	for ; i < len(b); i++ {
		b[i] ^= key[(pos+i)&3]
	}
	return (pos + len(b)) & 3
}
