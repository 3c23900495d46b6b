package ws

import (
	"strings"
	"testing"
)

// Group 7: the close handshake.

func TestAutobahnClose(t *testing.T) {
	closeFrame := func(code int, reason string) []byte { return cf(true, opClose, closePayload(code, reason)) }
	cases := []abCase{
		{name: "7.1.1_echo_then_close", send: [][]byte{cf(true, opText, "Hello World!"), closeFrame(1000, "")}, want: []rawFrame{text("Hello World!")}, close: 1000},
		{name: "7.1.2_close_twice", send: [][]byte{frames(closeFrame(1000, ""), closeFrame(1000, ""))}, close: 1000},
		{name: "7.1.3_ping_after_close_unanswered", send: [][]byte{frames(closeFrame(1000, ""), cf(true, opPing, "Hello World!"))}, close: 1000},
		{name: "7.1.4_text_after_close_dropped", send: [][]byte{frames(closeFrame(1000, ""), cf(true, opText, "Hello World!"))}, close: 1000},
		{name: "7.1.5_close_inside_fragmented_message", send: [][]byte{frames(cf(false, opText, "fragment1"), closeFrame(1000, ""), cf(true, opContinuation, "fragment2"))}, close: 1000},
		{name: "7.3.1_close_empty_payload", send: [][]byte{cf(true, opClose, "")}, close: CloseNoStatus},
		{name: "7.3.2_close_payload_of_1_byte", send: [][]byte{cf(true, opClose, "a")}, close: CloseProtocolError},
		{name: "7.3.3_close_code_only", send: [][]byte{closeFrame(1000, "")}, close: 1000},
		{name: "7.3.4_close_code_and_reason", send: [][]byte{closeFrame(1000, "Hello World!")}, close: 1000},
		{name: "7.3.5_close_reason_123_bytes", send: [][]byte{closeFrame(1000, strings.Repeat("*", 123))}, close: 1000},
		{name: "7.3.6_close_reason_124_bytes", send: [][]byte{closeFrame(1000, strings.Repeat("*", 124))}, close: CloseProtocolError},
		{name: "7.5.1_close_reason_invalid_utf8", send: [][]byte{closeFrame(1000, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited")}, close: CloseInvalidPayload},
		{name: "x_close_reason_split_code_point", send: [][]byte{closeFrame(1000, "ab\xce")}, close: CloseInvalidPayload},
	}
	for i, code := range []int{1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999} {
		cases = append(cases, abCase{name: "7.7." + itoa(i+1) + "_valid_code_" + itoa(code), send: [][]byte{closeFrame(code, "")}, close: code, echoed: true})
	}
	for _, code := range []int{1012, 1013, 1014} { // registered after RFC 6455
		cases = append(cases, abCase{name: "x_registered_code_" + itoa(code), send: [][]byte{closeFrame(code, "")}, close: code})
	}
	for i, code := range []int{0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999} {
		cases = append(cases, abCase{name: "7.9." + itoa(i+1) + "_invalid_code_" + itoa(code), send: [][]byte{closeFrame(code, "")}, close: CloseProtocolError})
	}
	cases = append(cases, abCase{name: "x_invalid_code_1015", send: [][]byte{closeFrame(1015, "")}, close: CloseProtocolError})
	for i, code := range []int{5000, 65535} {
		cases = append(cases, abCase{name: "7.13." + itoa(i+1) + "_invalid_code_" + itoa(code), send: [][]byte{closeFrame(code, "")}, close: CloseProtocolError})
	}
	runAutobahn(t, cases)
}
