package ws

import "testing"

// Group 6: UTF-8 handling.

// byteFrames sends s as a text message of one-byte fragments.
func byteFrames(s string) []byte {
	if s == "" {
		return cf(true, opText, "")
	}
	var out []byte
	for i := range len(s) {
		op := byte(opContinuation)
		if i == 0 {
			op = opText
		}
		out = append(out, cf(i == len(s)-1, op, s[i:i+1])...)
	}
	return out
}

// utf8Samples are the sequences of Autobahn 6.5-6.23 (after Markus Kuhn's
// UTF-8 decoder stress test), valid or not.
var utf8Samples = []struct {
	cases string
	s     string
	valid bool
}{
	{"6.5.1", "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5", true}, // κόσμε
	{"6.6.1", "\xce", false},
	{"6.6.4", "\xce\xba\xe1", false},
	{"6.6.6", "\xce\xba\xe1\xbd\xb9\xcf", false},
	{"6.6.8", "\xce\xba\xe1\xbd\xb9\xcf\x83\xce", false},
	{"6.7.1", "\x00", true},
	{"6.7.2", "\xc2\x80", true},
	{"6.7.3", "\xe0\xa0\x80", true},
	{"6.7.4", "\xf0\x90\x80\x80", true},
	{"6.8.1", "\xf8\x88\x80\x80\x80", false}, // 5-byte form
	{"6.8.2", "\xfc\x84\x80\x80\x80\x80", false},
	{"6.9.1", "\x7f", true},
	{"6.9.2", "\xdf\xbf", true},
	{"6.9.3", "\xef\xbf\xbf", true},
	{"6.9.4", "\xf4\x8f\xbf\xbf", true}, // U+10FFFF
	{"6.10.1", "\xf7\xbf\xbf\xbf", false},
	{"6.10.3", "\xf4\x90\x80\x80", false}, // U+110000
	{"6.11.1", "\xed\x9f\xbf", true},
	{"6.11.2", "\xee\x80\x80", true},
	{"6.11.3", "\xef\xbf\xbd", true},
	{"6.11.5", "\xf4\x90\x80\x80", false},
	{"6.12.1", "\x80", false},
	{"6.12.2", "\xbf", false},
	{"6.12.3", "\x80\xbf", false},
	{"6.12.8", "\x80\xbf\x80\xbf\x80\xbf\x80", false},
	{"6.13.1", "\xc0 \xc1 \xc2 ", false}, // lead bytes followed by spaces
	{"6.13.2", "\xe0 \xe1 ", false},
	{"6.14.1", "\xc0", false}, // sequences missing their last byte
	{"6.14.3", "\xf0\x80\x80", false},
	{"6.14.6", "\xdf", false},
	{"6.14.8", "\xf7\xbf\xbf", false},
	{"6.15.1", "\xc0\xe0\x80\xf0\x80\x80\xf8\x80\x80\x80", false},
	{"6.16.1", "\xfe", false},
	{"6.16.2", "\xff", false},
	{"6.16.3", "\xfe\xfe\xff\xff", false},
	{"6.17.1", "\xc0\xaf", false}, // overlong "/"
	{"6.17.2", "\xe0\x80\xaf", false},
	{"6.17.3", "\xf0\x80\x80\xaf", false},
	{"6.18.1", "\xc1\xbf", false}, // largest overlongs
	{"6.18.2", "\xe0\x9f\xbf", false},
	{"6.18.3", "\xf0\x8f\xbf\xbf", false},
	{"6.19.1", "\xc0\x80", false}, // overlong NUL
	{"6.19.2", "\xe0\x80\x80", false},
	{"6.20.1", "\xed\xa0\x80", false}, // single surrogates
	{"6.20.7", "\xed\xbf\xbf", false},
	{"6.21.1", "\xed\xa0\x80\xed\xb0\x80", false}, // surrogate pairs
	{"6.21.8", "\xed\xaf\xbf\xed\xbf\xbf", false},
	{"6.22.1", "\xef\xbf\xbe", true}, // noncharacters are valid UTF-8
	{"6.22.2", "\xef\xbf\xbf", true},
	{"6.22.34", "\xf4\x8f\xbf\xbe", true},
	{"6.23.1", "\xef\xbf\xbd", true},
}

func TestAutobahnUTF8(t *testing.T) {
	hello := "Hello-\xc2\xb5@\xc3\x9f\xc3\xb6\xc3\xa4\xc3\xbc\xc3\xa0\xc3\xa1-UTF-8!!"
	cases := []abCase{
		{name: "6.1.1_empty_text", send: [][]byte{cf(true, opText, "")}, want: []rawFrame{text("")}},
		{name: "6.1.2_three_empty_fragments", send: [][]byte{frames(cf(false, opText, ""), cf(false, opContinuation, ""), cf(true, opContinuation, ""))}, want: []rawFrame{text("")}},
		{name: "6.1.3_empty_fragments_around_text", send: [][]byte{frames(cf(false, opText, ""), cf(false, opContinuation, "middle"), cf(true, opContinuation, ""))}, want: []rawFrame{text("middle")}},
		{name: "6.2.1_valid_one_frame", send: [][]byte{cf(true, opText, hello)}, want: []rawFrame{text(hello)}},
		{name: "6.2.2_valid_split_on_code_points", send: [][]byte{frames(cf(false, opText, hello[:7]), cf(true, opContinuation, hello[7:]))}, want: []rawFrame{text(hello)}},
		{name: "6.2.3_valid_1_byte_writes", chunk: 1, send: [][]byte{cf(true, opText, hello)}, want: []rawFrame{text(hello)}},
		{name: "6.2.4_valid_1_byte_fragments", send: [][]byte{byteFrames(hello)}, want: []rawFrame{text(hello)}},
		{name: "6.2.x_split_inside_4_byte_code_point", send: [][]byte{frames(cf(false, opText, "a\xf0\x9f"), cf(false, opContinuation, "\x98"), cf(true, opContinuation, "\x80b"))}, want: []rawFrame{text("a\xf0\x9f\x98\x80b")}},
		{name: "6.3.1_invalid_one_frame", send: [][]byte{cf(true, opText, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited")}, close: CloseInvalidPayload},
		{name: "6.3.2_invalid_1_byte_fragments", send: [][]byte{byteFrames("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited")}, close: CloseInvalidPayload},
		// Fail fast: the part after the invalid bytes is never sent.
		{name: "6.4.1_fail_fast_in_second_fragment", failFast: true, close: CloseInvalidPayload, send: [][]byte{
			frames(cf(false, opText, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"), cf(false, opContinuation, "\xf4\x90\x80\x80")),
			cf(true, opContinuation, "edited")}},
		{name: "6.4.2_fail_fast_invalid_code_point_start", failFast: true, close: CloseInvalidPayload, send: [][]byte{
			frames(cf(false, opText, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xf4"), cf(false, opContinuation, "\x90")),
			cf(true, opContinuation, "\x80\x80edited")}},
		{name: "6.4.3_fail_fast_inside_one_frame", failFast: true, close: CloseInvalidPayload, send: [][]byte{
			// The header announces 20 bytes; only the first 15 come.
			cf(true, opText, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xf4\x90\x80\x80edite")[:6+15],
			nil}},
		{name: "6.4.4_fail_fast_inside_one_frame_on_second_byte", failFast: true, close: CloseInvalidPayload, send: [][]byte{
			cf(true, opText, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xf4\x90\x80\x80edite")[:6+13],
			nil}},
	}
	for _, s := range utf8Samples {
		if s.valid {
			cases = append(cases,
				abCase{name: s.cases + "_valid", send: [][]byte{cf(true, opText, s.s)}, want: []rawFrame{text(s.s)}},
				abCase{name: s.cases + "_valid_1_byte_fragments", send: [][]byte{byteFrames(s.s)}, want: []rawFrame{text(s.s)}},
			)
		} else {
			cases = append(cases,
				abCase{name: s.cases + "_invalid", send: [][]byte{cf(true, opText, s.s)}, close: CloseInvalidPayload},
				abCase{name: s.cases + "_invalid_1_byte_fragments", send: [][]byte{byteFrames(s.s)}, close: CloseInvalidPayload},
			)
		}
	}
	runAutobahn(t, cases)
}
