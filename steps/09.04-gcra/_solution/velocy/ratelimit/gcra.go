package ratelimit

import "time"

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
		return tat, Decision{}
	}
	return next, Decision{Allowed: true}
}
