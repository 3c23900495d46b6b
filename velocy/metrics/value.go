package metrics

import (
	"math"
	"sync/atomic"
)

// addFloat adds v to the float64 whose bits are in p, with a
// compare-and-swap loop: lock-free, and exact for one writer at a time.
func addFloat(p *atomic.Uint64, v float64) {
	for {
		old := p.Load()
		if p.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
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
func (c *Counter) Inc() { c.n.Add(1) }

// Add adds v to the counter. A counter never goes down, so a negative v (or
// NaN) is ignored; use a [Gauge] for a value that can.
func (c *Counter) Add(v float64) {
	if !(v > 0) { // also false for NaN
		return
	}
	if v < 1<<63 {
		if u := uint64(v); float64(u) == v {
			c.n.Add(u)
			return
		}
	}
	addFloat(&c.bits, v)
}

// Value returns the counter's current value.
func (c *Counter) Value() float64 {
	return float64(c.n.Load()) + math.Float64frombits(c.bits.Load())
}

// Gauge is a value that goes up and down: requests in flight, items in a
// queue, the temperature. Its methods are safe for concurrent use and do
// not allocate. Get one from [Registry.Gauge] or [GaugeVec.With].
type Gauge struct {
	bits atomic.Uint64 // the float64 value
}

// Set sets the gauge to v.
func (g *Gauge) Set(v float64) { g.bits.Store(math.Float64bits(v)) }

// Inc adds 1 to the gauge.
func (g *Gauge) Inc() { addFloat(&g.bits, 1) }

// Dec subtracts 1 from the gauge.
func (g *Gauge) Dec() { addFloat(&g.bits, -1) }

// Add adds v, which may be negative, to the gauge.
func (g *Gauge) Add(v float64) { addFloat(&g.bits, v) }

// Value returns the gauge's current value.
func (g *Gauge) Value() float64 { return math.Float64frombits(g.bits.Load()) }
