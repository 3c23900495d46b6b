package ratelimit

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidPolicy is returned for a Policy whose Limit or Period is not
// positive, or whose Period is too short to split into Limit intervals.
var ErrInvalidPolicy = errors.New("ratelimit: invalid policy")

// decide applies GCRA to one request. tat is the key's theoretical arrival
// time (now, or earlier, for a key with no state), now the time of the
// request, period the Policy's Period and interval its emission interval,
// Period/Limit, all in the same unit; unit is that unit as a Duration, to
// fill in the Decision. It returns the key's new TAT (tat itself when the
// request is refused) and the Decision without its Limit.
//
// The rule: the request is allowed if the TAT it would leave behind, one
// interval after max(tat, now), is at most one period ahead of now.
func decide(tat, now, period, interval int64, unit time.Duration) (int64, Decision) {
	tat = max(tat, now)
	next := tat + interval
	if next-now > period {
		return tat, Decision{
			ResetAfter: time.Duration(tat-now) * unit,
			RetryAfter: time.Duration(next-period-now) * unit,
		}
	}
	return next, Decision{
		Allowed:    true,
		Remaining:  int((period - (next - now)) / interval),
		ResetAfter: time.Duration(next-now) * unit,
	}
}

// interval returns p's emission interval, Period/Limit, in units of unit,
// and p.Period in the same unit. It fails for a Policy that has no
// interval of at least one unit.
func interval(p Policy, unit time.Duration) (period, t int64, err error) {
	if p.Limit > 0 && p.Period > 0 {
		period = int64(p.Period / unit)
		t = period / int64(p.Limit)
	}
	if t <= 0 {
		return 0, 0, fmt.Errorf("%w: %d per %v", ErrInvalidPolicy, p.Limit, p.Period)
	}
	return period, t, nil
}
