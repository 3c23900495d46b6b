package trace

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
)

// Parent is the content of a traceparent header: the trace a request
// belongs to, the span that sent it, and the trace flags (bit 0: sampled).
type Parent struct {
	TraceID [16]byte
	SpanID  [8]byte
	Flags   byte
}

// headerLen is the length of a version 00 traceparent header:
// 2 + 1 + 32 + 1 + 16 + 1 + 2.
const headerLen = 55

// FlagSampled is the trace flag that says the caller may have recorded
// its span.
const FlagSampled byte = 0x01

// The errors of [Parse].
var (
	ErrLength  = errors.New("trace: traceparent has the wrong length")
	ErrFormat  = errors.New("trace: traceparent is not version-traceid-parentid-flags in lowercase hex")
	ErrVersion = errors.New("trace: traceparent version ff is invalid")
	ErrZeroID  = errors.New("trace: traceparent has an all-zero trace id or parent id")
)

// Parse reads a traceparent header strictly, as the W3C Trace Context
// recommendation (level 1) says:
//
//   - version 00 is exactly 55 characters: 2 hex digits of version, 32 of
//     trace id, 16 of parent id and 2 of flags, joined by "-";
//   - hex digits are lowercase (0-9, a-f); anything else is refused;
//   - a trace id or parent id of all zeros is refused;
//   - version ff is refused;
//   - a higher version (01 to fe) is read by its first 55 characters, which
//     must be followed by "-" or nothing: a later version may only add
//     fields at the end.
//
// Any flags value is kept as sent; only bit 0 ([FlagSampled]) has a
// meaning in version 00. Parse never panics, and its error is one of
// [ErrLength], [ErrFormat], [ErrVersion] and [ErrZeroID].
func Parse(header string) (Parent, error) {
	var p Parent
	if len(header) < headerLen {
		return p, ErrLength
	}
	v, ok := hexByte(header[0], header[1])
	if !ok {
		return p, ErrFormat
	}
	switch {
	case v == 0xff:
		return p, ErrVersion
	case v == 0 && len(header) != headerLen:
		return p, ErrLength
	case len(header) > headerLen && header[headerLen] != '-':
		return p, ErrFormat
	}
	if header[2] != '-' || header[35] != '-' || header[52] != '-' {
		return p, ErrFormat
	}
	if !decodeHex(p.TraceID[:], header[3:35]) || !decodeHex(p.SpanID[:], header[36:52]) {
		return p, ErrFormat
	}
	f, ok := hexByte(header[53], header[54])
	if !ok {
		return p, ErrFormat
	}
	p.Flags = f
	if p.TraceID == ([16]byte{}) || p.SpanID == ([8]byte{}) {
		return p, ErrZeroID
	}
	return p, nil
}

// String returns p as a version 00 traceparent header:
// "00-<trace id>-<span id>-<flags>", in lowercase hex.
func (p Parent) String() string {
	var b [headerLen]byte
	b[0], b[1], b[2] = '0', '0', '-'
	hex.Encode(b[3:35], p.TraceID[:])
	b[35] = '-'
	hex.Encode(b[36:52], p.SpanID[:])
	b[52] = '-'
	hex.Encode(b[53:55], []byte{p.Flags})
	return string(b[:])
}

// TraceIDString returns the trace id as 32 lowercase hex digits.
func (p Parent) TraceIDString() string { return hex.EncodeToString(p.TraceID[:]) }

// SpanIDString returns the span id as 16 lowercase hex digits.
func (p Parent) SpanIDString() string { return hex.EncodeToString(p.SpanID[:]) }

// ids returns the trace id and the span id in hex, made with one
// allocation: the two strings share one backing array.
func (p Parent) ids() (traceID, spanID string) {
	var b [48]byte
	hex.Encode(b[:32], p.TraceID[:])
	hex.Encode(b[32:], p.SpanID[:])
	s := string(b[:])
	return s[:32], s[32:]
}

// IsValid reports whether p has a trace id and a span id that are not all
// zeros: whether it can be sent as a traceparent.
func (p Parent) IsValid() bool {
	return p.TraceID != [16]byte{} && p.SpanID != [8]byte{}
}

// New returns the first span of a new trace: a random trace id and span id
// from crypto/rand, and flags 00 (not sampled: this package records
// nothing; set [FlagSampled] in Flags if something downstream does).
func New() Parent {
	var p Parent
	for p.TraceID == ([16]byte{}) {
		rand.Read(p.TraceID[:]) // never fails: it crashes the program rather than return an error
	}
	p.SpanID = newSpanID()
	return p
}

// Child returns a span of p's trace with a new random span id and p's
// flags: the span of a request that p's span sent.
func (p Parent) Child() Parent {
	p.SpanID = newSpanID()
	return p
}

// newSpanID returns 8 random bytes, not all zero.
func newSpanID() [8]byte {
	var id [8]byte
	for id == ([8]byte{}) {
		rand.Read(id[:])
	}
	return id
}

// decodeHex decodes the lowercase hex digits of src into dst, which is half
// as long. It reports false on any other character.
func decodeHex(dst []byte, src string) bool {
	for i := range dst {
		b, ok := hexByte(src[2*i], src[2*i+1])
		if !ok {
			return false
		}
		dst[i] = b
	}
	return true
}

// hexByte decodes two lowercase hex digits.
func hexByte(hi, lo byte) (byte, bool) {
	h, ok1 := hexDigit(hi)
	l, ok2 := hexDigit(lo)
	return h<<4 | l, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}
