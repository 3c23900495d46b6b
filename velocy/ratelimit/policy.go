package ratelimit

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidPolicy is returned for a Policy whose Limit or Period is not
// positive, or whose Period is too short to split into Limit intervals.
var ErrInvalidPolicy = errors.New("ratelimit: invalid policy")

// emission returns p.Period and p's emission interval, Period/Limit
// rounded down, both counted in units of unit, and false for a Policy
// whose interval would be shorter than one unit. It is small enough to be
// inlined, so that the division by a constant unit of time.Nanosecond
// disappears: a 64-bit division costs tens of cycles.
func emission(p Policy, unit time.Duration) (period, interval int64, ok bool) {
	period = int64(p.Period / unit)
	if p.Limit <= 0 || period < int64(p.Limit) {
		return 0, 0, false
	}
	return period, period / int64(p.Limit), true
}

// invalid returns the error for a Policy that emission refused.
func invalid(p Policy) error {
	return fmt.Errorf("%w: %d per %v", ErrInvalidPolicy, p.Limit, p.Period)
}
