package ws

import (
	"strings"
	"testing"
)

// Groups 1 to 4: framing, pings and pongs, reserved bits, reserved opcodes.

func TestAutobahnFraming(t *testing.T) { // group 1
	var cases []abCase
	for i, n := range []int{0, 125, 126, 127, 128, 65535, 65536} {
		p := strings.Repeat("*", n)
		cases = append(cases,
			abCase{name: "1.1." + itoa(i+1) + "_text_" + itoa(n), send: [][]byte{cf(true, opText, p)}, want: []rawFrame{text(p)}},
			abCase{name: "1.2." + itoa(i+1) + "_binary_" + itoa(n), send: [][]byte{cf(true, opBinary, p)}, want: []rawFrame{binary_(p)}},
		)
	}
	p := strings.Repeat("*", 65536)
	cases = append(cases,
		abCase{name: "1.1.8_text_65536_in_997_byte_writes", send: [][]byte{cf(true, opText, p)}, chunk: 997, want: []rawFrame{text(p)}},
		abCase{name: "1.2.8_binary_65536_in_997_byte_writes", send: [][]byte{cf(true, opBinary, p)}, chunk: 997, want: []rawFrame{binary_(p)}},
		// Not Autobahn: several messages in one write, then in 1-byte writes.
		abCase{name: "x_three_messages_one_write", send: [][]byte{frames(cf(true, opText, "a"), cf(true, opBinary, "b"), cf(true, opText, ""))},
			want: []rawFrame{text("a"), binary_("b"), text("")}},
		abCase{name: "x_three_messages_1_byte_writes", chunk: 1, send: [][]byte{frames(cf(true, opText, "a"), cf(true, opBinary, strings.Repeat("b", 300)), cf(true, opText, ""))},
			want: []rawFrame{text("a"), binary_(strings.Repeat("b", 300)), text("")}},
		// Not Autobahn: the length and mask rules of section 5.2.
		abCase{name: "x_unmasked_frame_from_client", send: [][]byte{wireFrame(true, 0, opText, []byte("hi"), false)}, close: CloseProtocolError},
		abCase{name: "x_16_bit_length_of_5", send: [][]byte{{0x81, 0x80 | 126, 0, 5, 0, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'}}, close: CloseProtocolError},
		abCase{name: "x_64_bit_length_of_200", send: [][]byte{{0x82, 0x80 | 127, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0, 0}}, close: CloseProtocolError},
		abCase{name: "x_64_bit_length_msb_set", send: [][]byte{{0x82, 0x80 | 127, 0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}}, close: CloseProtocolError},
	)
	runAutobahn(t, cases)
}

func TestAutobahnPingPong(t *testing.T) { // group 2
	p125 := strings.Repeat("\xfe", 125)
	ten := func() (s [][]byte, w []rawFrame) {
		for i := range 10 {
			s = append(s, cf(true, opPing, "payload-"+itoa(i)))
			w = append(w, pong("payload-"+itoa(i)))
		}
		return s, w
	}
	s10, w10 := ten()
	cases := []abCase{
		{name: "2.1_ping_empty", send: [][]byte{cf(true, opPing, "")}, want: []rawFrame{pong("")}},
		{name: "2.2_ping_text_payload", send: [][]byte{cf(true, opPing, "Hello, world!")}, want: []rawFrame{pong("Hello, world!")}},
		{name: "2.3_ping_binary_payload", send: [][]byte{cf(true, opPing, "\x00\xff\xfe\xfd\xfc\xfb\x00\xff")}, want: []rawFrame{pong("\x00\xff\xfe\xfd\xfc\xfb\x00\xff")}},
		{name: "2.4_ping_125_bytes", send: [][]byte{cf(true, opPing, p125)}, want: []rawFrame{pong(p125)}},
		{name: "2.5_ping_126_bytes_fails", send: [][]byte{cf(true, opPing, p125+"x")}, close: CloseProtocolError},
		{name: "2.6_ping_125_bytes_1_byte_writes", chunk: 1, send: [][]byte{cf(true, opPing, p125)}, want: []rawFrame{pong(p125)}},
		{name: "2.7_unsolicited_pong_ignored", send: [][]byte{cf(true, opPong, "")}},
		{name: "2.8_unsolicited_pong_payload_ignored", send: [][]byte{cf(true, opPong, "unsolicited")}},
		{name: "2.9_unsolicited_pong_then_ping", send: [][]byte{cf(true, opPong, "unsolicited"), cf(true, opPing, "ping")}, want: []rawFrame{pong("ping")}},
		{name: "2.10_ten_pings", send: s10, want: w10},
		{name: "2.11_ten_pings_3_byte_writes", chunk: 3, send: [][]byte{frames(s10...)}, want: w10},
	}
	runAutobahn(t, cases)
}

func TestAutobahnReservedBits(t *testing.T) { // group 3
	hello := []byte("Hello, world!")
	cases := []abCase{
		{name: "3.1_text_rsv1", send: [][]byte{wireFrame(true, 4, opText, hello, true)}, close: CloseProtocolError},
		{name: "3.2_text_then_rsv2_then_ping", send: [][]byte{frames(cf(true, opText, "Hello, world!"), wireFrame(true, 2, opText, hello, true), cf(true, opPing, ""))},
			want: []rawFrame{text("Hello, world!")}, close: CloseProtocolError},
		{name: "3.3_rsv3_in_small_writes", chunk: 2, send: [][]byte{frames(cf(true, opText, "Hello, world!"), wireFrame(true, 6, opText, hello, true), cf(true, opPing, ""))},
			want: []rawFrame{text("Hello, world!")}, close: CloseProtocolError},
		{name: "3.4_rsv4_1_byte_writes", chunk: 1, send: [][]byte{frames(cf(true, opText, "Hello, world!"), wireFrame(true, 1, opText, hello, true), cf(true, opPing, ""))},
			want: []rawFrame{text("Hello, world!")}, close: CloseProtocolError},
		{name: "3.5_binary_rsv5", send: [][]byte{wireFrame(true, 5, opBinary, []byte{0, 0xff}, true)}, close: CloseProtocolError},
		{name: "3.6_ping_rsv6", send: [][]byte{wireFrame(true, 6, opPing, hello, true)}, close: CloseProtocolError},
		{name: "3.7_close_rsv7", send: [][]byte{wireFrame(true, 7, opClose, nil, true)}, close: CloseProtocolError},
	}
	runAutobahn(t, cases)
}

func TestAutobahnReservedOpcodes(t *testing.T) { // group 4
	var cases []abCase
	for i, op := range []byte{3, 4, 5, 6, 7} {
		cases = append(cases, abCase{name: "4.1." + itoa(i+1) + "_opcode_" + itoa(int(op)),
			send: [][]byte{frames(cf(true, opText, "Hello"), cf(true, op, strings.Repeat("r", i)), cf(true, opPing, ""))},
			want: []rawFrame{text("Hello")}, close: CloseProtocolError})
	}
	for i, op := range []byte{0xB, 0xC, 0xD, 0xE, 0xF} {
		cases = append(cases, abCase{name: "4.2." + itoa(i+1) + "_opcode_" + itoa(int(op)),
			send: [][]byte{frames(cf(true, opText, "Hello"), cf(true, op, strings.Repeat("r", i)), cf(true, opPing, ""))},
			want: []rawFrame{text("Hello")}, close: CloseProtocolError})
	}
	runAutobahn(t, cases)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
