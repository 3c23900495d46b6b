package ws

// Opcodes of RFC 6455, section 5.2. The data opcodes are the MessageType
// values; 0 continues a fragmented message.
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

const (
	finBit  = 0x80
	rsvBits = 0x70
	maskBit = 0x80

	// maxHeaderLen is the longest frame header: 2 bytes, a 64-bit length
	// and a masking key.
	maxHeaderLen = 14
	// maxControlPayload is the longest payload of a control frame.
	maxControlPayload = 125
)

// frameHeader is one frame's header, decoded.
type frameHeader struct {
	fin    bool
	rsv    byte // the three reserved bits, in place (0x70)
	op     byte
	masked bool
	length int64
	key    [4]byte
}

func isControl(op byte) bool { return op&0x8 != 0 }

func isKnownOpcode(op byte) bool {
	switch op {
	case opContinuation, opText, opBinary, opClose, opPing, opPong:
		return true
	}
	return false
}

// headerLen returns the length of the header whose second byte is b1.
func headerLen(b1 byte) int {
	// TODO(11.04): 2, plus 2 or 8 for the longer lengths, plus 4 for a key.
	return 0
}

// parseHeader decodes the header at the start of b, which must hold at least
// headerLen(b[1]) bytes, and checks that the payload length is in its
// minimal encoding with a clear top bit. It returns the header, the number
// of bytes it took, and the rule broken (nil if none).
func parseHeader(b []byte) (frameHeader, int, *ProtocolError) {
	// TODO(11.04): FIN, RSV, opcode, mask bit, the 7-, 16- or 64-bit
	// length, the key.
	return frameHeader{}, 0, nil
}

// putHeader encodes h at the start of dst (at least maxHeaderLen bytes) in
// the minimal length encoding and returns its length.
func putHeader(dst []byte, h frameHeader) int {
	// TODO(11.04): FIN, RSV and opcode, the mask bit and the shortest
	// length encoding, then the key.
	return 0
}

// encodedHeaderLen returns how long putHeader's encoding of a header with
// this length and mask bit is.
func encodedHeaderLen(length int64, masked bool) int {
	// TODO(11.04): 2, 4 or 10 bytes, plus 4 for a key.
	return 0
}
