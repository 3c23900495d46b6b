package ws

import (
	"math/rand/v2"
	"testing"
)

// frExpectRule parses b and wants the rule want broken, with close code 1002.
func frExpectRule(t *testing.T, b []byte, want *ProtocolError, why string) {
	t.Helper()
	_, _, perr := parseHeader(b)
	if perr != want {
		t.Fatalf("parseHeader(% x) = %v, want %v: %s", b, perr, want, why)
	}
	if perr.Code != CloseProtocolError {
		t.Fatalf("parseHeader(% x) error code = %d, want 1002", b, perr.Code)
	}
}

func TestFrCheckHeaderRules(t *testing.T) {
	for range 100 {
		masked := rand.IntN(2) == 0
		key := frRandomKey()
		data := []byte{opContinuation, opText, opBinary}[rand.IntN(3)]
		ctl := []byte{opClose, opPing, opPong}[rand.IntN(3)]

		rsv := byte(1 + rand.IntN(7))
		frExpectRule(t, frHeaderBytes(rand.IntN(2) == 0, rsv, data, masked, key, frRandomLength(7), 0), errRSV,
			"RSV1-3 MUST be 0 unless an extension was negotiated (RFC 6455 5.2), and none is")

		reserved := []byte{0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}[rand.IntN(10)]
		frExpectRule(t, frHeaderBytes(true, 0, reserved, masked, key, uint64(rand.IntN(126)), 0), errOpcode,
			"opcodes 0x3-0x7 and 0xB-0xF are reserved: the endpoint MUST fail the connection (RFC 6455 5.2)")

		long := 126 + uint64(rand.IntN(1000))
		frExpectRule(t, frHeaderBytes(true, 0, ctl, masked, key, long, 0), errControlLen,
			"control frames MUST have a payload of 125 bytes or less (RFC 6455 5.5)")

		frExpectRule(t, frHeaderBytes(false, 0, ctl, masked, key, uint64(rand.IntN(126)), 0), errControlFrag,
			"control frames MUST NOT be fragmented: FIN must be set (RFC 6455 5.5)")
	}
}

func TestFrCheckHeaderRulesAfterLength(t *testing.T) {
	// The rules need the whole header decoded: a reserved opcode with a
	// 64-bit length still reports how many bytes the header took.
	length := frRandomLength(64)
	b := frHeaderBytes(true, 0, 0x3, true, frRandomKey(), length, 0)
	_, n, perr := parseHeader(b)
	if perr != errOpcode || n != len(b) {
		t.Fatalf("parseHeader(% x) = n %d, %v; want n %d, errOpcode", b, n, perr, len(b))
	}
}
