package ws

import "encoding/binary"

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
	n := 2
	switch b1 & 0x7F {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if b1&maskBit != 0 {
		n += 4
	}
	return n
}

// parseHeader decodes the header at the start of b, which must hold at least
// headerLen(b[1]) bytes, and checks the rules every frame must keep
// whoever sent it: no reserved bits (no extension is negotiated), a known
// opcode, control frames short and unfragmented, and the payload length in
// its minimal encoding with a clear top bit. The mask rules depend on the
// side and are checked by the reader.
func parseHeader(b []byte) (frameHeader, int, *ProtocolError) {
	var h frameHeader
	b0, b1 := b[0], b[1]
	h.fin = b0&finBit != 0
	h.rsv = b0 & rsvBits
	h.op = b0 & 0x0F
	h.masked = b1&maskBit != 0
	n := 2
	switch l := b1 & 0x7F; l {
	case 126:
		h.length = int64(binary.BigEndian.Uint16(b[2:4]))
		n = 4
		if h.length < 126 {
			return h, n, errNonMinimal
		}
	case 127:
		u := binary.BigEndian.Uint64(b[2:10])
		n = 10
		if u>>63 != 0 {
			return h, n, errLengthMSB
		}
		h.length = int64(u)
		if h.length <= 0xFFFF {
			return h, n, errNonMinimal
		}
	default:
		h.length = int64(l)
	}
	if h.masked {
		copy(h.key[:], b[n:n+4])
		n += 4
	}
	switch {
	case h.rsv != 0:
		return h, n, errRSV
	case !isKnownOpcode(h.op):
		return h, n, errOpcode
	case isControl(h.op) && h.length > maxControlPayload:
		return h, n, errControlLen
	case isControl(h.op) && !h.fin:
		return h, n, errControlFrag
	}
	return h, n, nil
}

// putHeader encodes h at the start of dst (at least maxHeaderLen bytes) in
// the minimal length encoding and returns its length.
func putHeader(dst []byte, h frameHeader) int {
	b0 := h.rsv | h.op
	if h.fin {
		b0 |= finBit
	}
	dst[0] = b0
	var b1 byte
	if h.masked {
		b1 = maskBit
	}
	n := 2
	switch {
	case h.length <= 125:
		dst[1] = b1 | byte(h.length)
	case h.length <= 0xFFFF:
		dst[1] = b1 | 126
		binary.BigEndian.PutUint16(dst[2:], uint16(h.length))
		n = 4
	default:
		dst[1] = b1 | 127
		binary.BigEndian.PutUint64(dst[2:], uint64(h.length))
		n = 10
	}
	if h.masked {
		copy(dst[n:], h.key[:])
		n += 4
	}
	return n
}

// encodedHeaderLen returns how long putHeader's encoding of a header with
// this length and mask bit is.
func encodedHeaderLen(length int64, masked bool) int {
	n := 2
	switch {
	case length <= 125:
	case length <= 0xFFFF:
		n = 4
	default:
		n = 10
	}
	if masked {
		n += 4
	}
	return n
}
