package trace

import "crypto/rand"

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
