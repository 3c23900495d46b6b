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
// rounded down, both counted in units of unit. It fails for a Policy
// whose interval would be shorter than one unit.
func emission(p Policy, unit time.Duration) (period, interval int64, err error) {
	if p.Limit > 0 && p.Period > 0 {
		period = int64(p.Period / unit)
		interval = period / int64(p.Limit)
	}
	if interval <= 0 {
		return 0, 0, fmt.Errorf("%w: %d per %v", ErrInvalidPolicy, p.Limit, p.Period)
	}
	return period, interval, nil
}
