package metrics

import (
	"sync/atomic"
)

// addFloat adds v to the float64 whose bits are in p, with a
// compare-and-swap loop: lock-free, and exact for one writer at a time.
func addFloat(p *atomic.Uint64, v float64) {
	// TODO(12.02): add v to the float64 whose bits p holds: load the bits,
	// add v to their float, and store the new bits with CompareAndSwap;
	// when another goroutine changed them in between, start again.
}

// Counter is a value that only goes up: requests served, bytes sent,
// errors seen. Its methods are safe for concurrent use and do not allocate.
// Get one from [Registry.Counter] or [CounterVec.With].
type Counter struct {
	// Whole increments go to n, a plain integer add (Inc is one atomic
	// instruction); fractional ones to bits, a float64 updated by
	// compare-and-swap. Value is their sum, exact while n < 2^53.
	n    atomic.Uint64
	bits atomic.Uint64
}

// Inc adds 1 to the counter.
func (c *Counter) Inc() {
	// TODO(12.02): one atomic add to c.n.
}

// Add adds v to the counter. A counter never goes down, so a negative v (or
// NaN) is ignored; use a [Gauge] for a value that can.
func (c *Counter) Add(v float64) {
	// TODO(12.02): ignore v unless v > 0 (that excludes NaN too); a whole
	// v that fits a uint64 goes to c.n, anything else to c.bits with
	// addFloat.
}

// Value returns the counter's current value.
func (c *Counter) Value() float64 {
	// TODO(12.02): the whole part plus the fractional part.
	return 0
}

// Gauge is a value that goes up and down: requests in flight, items in a
// queue, the temperature. Its methods are safe for concurrent use and do
// not allocate. Get one from [Registry.Gauge] or [GaugeVec.With].
type Gauge struct {
	bits atomic.Uint64 // the float64 value
}

// Set sets the gauge to v.
func (g *Gauge) Set(v float64) {
	// TODO(12.02): the gauge's float64 lives in g.bits (math.Float64bits).
}

// Inc adds 1 to the gauge.
func (g *Gauge) Inc() {
	// TODO(12.02): the gauge's float64 lives in g.bits (math.Float64bits).
}

// Dec subtracts 1 from the gauge.
func (g *Gauge) Dec() {
	// TODO(12.02): the gauge's float64 lives in g.bits (math.Float64bits).
}

// Add adds v, which may be negative, to the gauge.
func (g *Gauge) Add(v float64) {
	// TODO(12.02): the gauge's float64 lives in g.bits (math.Float64bits).
}

// Value returns the gauge's current value.
func (g *Gauge) Value() float64 {
	// TODO(12.02): the float64 whose bits g.bits holds.
	return 0
}
