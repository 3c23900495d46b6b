package logtar

import (
	"testing"
	"time"
)

// TestStampSameSecond stamps records whose times share a second, cross
// into the next, go back, and leave the range: each must read as
// appendTime writes it, whatever fillSlot remembered from the one before.
func TestStampSameSecond(t *testing.T) {
	base := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	times := []time.Time{
		base,
		base.Add(1 * time.Millisecond),
		base.Add(999 * time.Millisecond),
		base.Add(999*time.Millisecond + 999999),
		base.Add(time.Second),
		base,
		base.In(time.FixedZone("X", 5*3600)).Add(123 * time.Millisecond),
		time.Date(1969, 12, 31, 23, 59, 59, 5e8, time.UTC), // before 1970: negative Unix time
		time.Date(1969, 12, 31, 23, 59, 58, 5e8, time.UTC),
		time.Date(0, 1, 1, 0, 0, 0, 7e6, time.UTC),
		base.Add(2 * time.Millisecond),
	}
	for _, at := range times {
		got := string(stamp(appendSlotHeader(nil, LevelInfo, "m"), at))
		want := string(appendHeader(nil, at, LevelInfo, "m"))
		if got != want {
			t.Errorf("stamp at %s = %s, want %s", at.Format(time.RFC3339Nano), got, want)
		}
	}
	// A year that does not fit the slot rebuilds the header.
	at := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	if got, want := string(stamp(appendSlotHeader(nil, LevelInfo, "m"), at)), string(appendHeader(nil, at, LevelInfo, "m")); got != want {
		t.Errorf("stamp at year 10000 = %s, want %s", got, want)
	}
}
