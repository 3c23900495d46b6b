package trace

// New returns the first span of a new trace: a random trace id and span id
// from crypto/rand, and flags 00 (not sampled: this package records
// nothing; set [FlagSampled] in Flags if something downstream does).
func New() Parent {
	// TODO(12.10): a random trace id (crypto/rand), never all zeros, and
	// a new span id.
	return Parent{}
}

// Child returns a span of p's trace with a new random span id and p's
// flags: the span of a request that p's span sent.
func (p Parent) Child() Parent {
	// TODO(12.10): p with a new span id.
	return p
}

// newSpanID returns 8 random bytes, not all zero.
func newSpanID() [8]byte {
	// TODO(12.10): fill the id from crypto/rand until it is not all zeros.
	return [8]byte{}
}
