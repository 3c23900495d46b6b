package trace

import "errors"

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
	// TODO(12.10): check the length and the version first (ErrLength,
	// ErrVersion; a version above 00 may be longer, with "-" after the
	// 55th character), then the dashes at 2, 35 and 52, then decode the
	// three hex fields into a Parent (ErrFormat for anything but 0-9 and
	// a-f), and refuse an all-zero trace id or parent id (ErrZeroID).
	return Parent{}, nil
}

// String returns p as a version 00 traceparent header:
// "00-<trace id>-<span id>-<flags>", in lowercase hex.
func (p Parent) String() string {
	// TODO(12.10): 55 bytes: "00-", the trace id, "-", the span id, "-",
	// the flags, each in lowercase hex (encoding/hex).
	return ""
}

// TraceIDString returns the trace id as 32 lowercase hex digits.
func (p Parent) TraceIDString() string { return "" } // TODO(12.10): 32 hex digits

// SpanIDString returns the span id as 16 lowercase hex digits.
func (p Parent) SpanIDString() string { return "" } // TODO(12.10): 16 hex digits

// IsValid reports whether p has a trace id and a span id that are not all
// zeros: whether it can be sent as a traceparent.
func (p Parent) IsValid() bool {
	return p.TraceID != [16]byte{} && p.SpanID != [8]byte{}
}

// decodeHex decodes the lowercase hex digits of src into dst, which is half
// as long. It reports false on any other character.
func decodeHex(dst []byte, src string) bool {
	// TODO(12.10): two digits of src per byte of dst, with hexByte.
	return false
}

// hexByte decodes two lowercase hex digits.
func hexByte(hi, lo byte) (byte, bool) {
	// TODO(12.10): hi<<4 | lo, with hexDigit; false if either is not one.
	return 0, false
}

// hexDigit decodes one lowercase hex digit.
func hexDigit(c byte) (byte, bool) {
	// TODO(12.10): the value of '0'-'9' and 'a'-'f'; false for anything
	// else, 'A'-'F' included.
	return 0, false
}
