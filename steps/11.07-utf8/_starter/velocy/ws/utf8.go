package ws

// utf8State validates UTF-8 fed in pieces: a code point may be split across
// pieces (across the frames of a message), and an invalid byte is reported as
// soon as it is seen, not at the end of the message.
//
// need is how many continuation bytes the current code point still needs;
// lo and hi bound the next one (the first continuation byte after E0, ED, F0
// and F4 has a narrower range: that is how overlong forms, surrogates and
// code points past U+10FFFF are refused, RFC 3629 section 4).
type utf8State struct {
	need   uint8
	lo, hi byte
}

// feed validates p as the next piece and reports whether the text so far
// can still be valid.
func (s *utf8State) feed(p []byte) bool {
	// TODO(11.07): finish the code point the last piece cut, then walk
	// p's lead bytes, setting need, lo and hi.
	return false
}

// complete reports whether the text fed so far ends on a code point boundary
// (checked at the end of a message).
func (s *utf8State) complete() bool {
	// TODO(11.07): no code point left half done.
	return false
}

// validUTF8 reports whether p is valid UTF-8, through the same code as
// messages use (so the fuzz test's oracle checks it).
func validUTF8(p []byte) bool {
	var s utf8State
	return s.feed(p) && s.complete()
}
