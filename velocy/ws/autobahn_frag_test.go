package ws

import (
	"strings"
	"testing"
)

// Group 5: fragmentation.

func TestAutobahnFragmentation(t *testing.T) {
	frag12 := frames(cf(false, opText, "fragment1"), cf(true, opContinuation, "fragment2"))
	withPing := frames(cf(false, opText, "fragment1"), cf(true, opPing, "ping payload"), cf(true, opContinuation, "fragment2"))
	contFirst := frames(cf(true, opContinuation, "non-continuation payload"), cf(true, opText, "Hello, world!"))
	contNotFin := frames(cf(false, opContinuation, "non-continuation payload"), cf(true, opText, "Hello, world!"))
	contChain := func(fin bool) []byte {
		return frames(cf(!fin, opContinuation, "fragment1"), cf(true, opText, "fragment2"), cf(true, opContinuation, "fragment3"))
	}
	cases := []abCase{
		{name: "5.1_ping_in_2_fragments", send: [][]byte{frames(cf(false, opPing, "fragment1"), cf(true, opContinuation, "fragment2"))}, close: CloseProtocolError},
		{name: "5.2_pong_in_2_fragments", send: [][]byte{frames(cf(false, opPong, "fragment1"), cf(true, opContinuation, "fragment2"))}, close: CloseProtocolError},
		{name: "5.3_text_in_2_fragments", send: [][]byte{frag12}, want: []rawFrame{text("fragment1fragment2")}},
		{name: "5.4_text_in_2_fragments_small_writes", chunk: 5, send: [][]byte{frag12}, want: []rawFrame{text("fragment1fragment2")}},
		{name: "5.5_text_in_2_fragments_1_byte_writes", chunk: 1, send: [][]byte{frag12}, want: []rawFrame{text("fragment1fragment2")}},
		{name: "5.6_ping_between_fragments", send: [][]byte{withPing}, want: []rawFrame{pong("ping payload"), text("fragment1fragment2")}},
		{name: "5.7_ping_between_fragments_small_writes", chunk: 5, send: [][]byte{withPing}, want: []rawFrame{pong("ping payload"), text("fragment1fragment2")}},
		{name: "5.8_ping_between_fragments_1_byte_writes", chunk: 1, send: [][]byte{withPing}, want: []rawFrame{pong("ping payload"), text("fragment1fragment2")}},
		{name: "5.9_continuation_fin_without_start", send: [][]byte{contFirst}, close: CloseProtocolError},
		{name: "5.10-5.11_continuation_fin_without_start_1_byte_writes", chunk: 1, send: [][]byte{contFirst}, close: CloseProtocolError},
		{name: "5.12_continuation_without_start", send: [][]byte{contNotFin}, close: CloseProtocolError},
		{name: "5.13-5.14_continuation_without_start_1_byte_writes", chunk: 1, send: [][]byte{contNotFin}, close: CloseProtocolError},
		{name: "5.15_text_after_finished_fragments", send: [][]byte{frames(frag12, cf(false, opContinuation, "fragment3"), cf(true, opText, "fragment4"))},
			want: []rawFrame{text("fragment1fragment2")}, close: CloseProtocolError},
		{name: "5.16_continuation_chain_without_start", send: [][]byte{contChain(false)}, close: CloseProtocolError},
		{name: "5.17_continuation_fin_chain_without_start", send: [][]byte{contChain(true)}, close: CloseProtocolError},
		{name: "5.18_new_text_inside_fragmented_message", send: [][]byte{frames(cf(false, opText, "fragment1"), cf(true, opText, "fragment2"))}, close: CloseProtocolError},
		{name: "5.19_pings_between_5_fragments", send: [][]byte{frames(
			cf(false, opText, "fragment1"), cf(false, opContinuation, "fragment2"), cf(true, opPing, "pongme 1!"),
			cf(false, opContinuation, "fragment3"), cf(false, opContinuation, "fragment4"), cf(true, opPing, "pongme 2!"),
			cf(true, opContinuation, "fragment5"))},
			want: []rawFrame{pong("pongme 1!"), pong("pongme 2!"), text("fragment1fragment2fragment3fragment4fragment5")}},
		{name: "5.20_pings_between_5_fragments_1_byte_writes", chunk: 1, send: [][]byte{frames(
			cf(false, opText, "fragment1"), cf(false, opContinuation, "fragment2"), cf(true, opPing, "pongme 1!"),
			cf(false, opContinuation, "fragment3"), cf(false, opContinuation, "fragment4"), cf(true, opPing, "pongme 2!"),
			cf(true, opContinuation, "fragment5"))},
			want: []rawFrame{pong("pongme 1!"), pong("pongme 2!"), text("fragment1fragment2fragment3fragment4fragment5")}},
		// Not Autobahn: a fragmented close, and empty fragments of binary.
		{name: "x_close_in_2_fragments", send: [][]byte{frames(cf(false, opClose, ""), cf(true, opContinuation, ""))}, close: CloseProtocolError},
		{name: "x_binary_empty_fragments", send: [][]byte{frames(cf(false, opBinary, ""), cf(false, opContinuation, ""), cf(true, opContinuation, strings.Repeat("z", 200)))},
			want: []rawFrame{binary_(strings.Repeat("z", 200))}},
	}
	runAutobahn(t, cases)
}
