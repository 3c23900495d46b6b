package taskid

import (
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"
)

// orderedIDsPlusOne returns the id one above id (both 22 hex digits).
func orderedIDsPlusOne(id string) string {
	b, _ := hex.DecodeString(id)
	for i := len(b) - 1; i >= 0; i-- {
		b[i]++
		if b[i] != 0 {
			break
		}
	}
	return hex.EncodeToString(b)
}

// TestOrderedIDsFollowTheClock drives a Source with a clock that moves
// forward, stands still and steps back at random, and checks each id.
func TestOrderedIDsFollowTheClock(t *testing.T) {
	clock := time.UnixMilli(1<<40 + rand.Int64N(1<<41)).UTC()
	s := New(func() time.Time { return clock })
	last := ""
	lastMS := int64(-1)
	for range 3000 {
		var move string
		switch r := rand.IntN(10); {
		case r < 4:
			clock = clock.Add(time.Duration(1+rand.IntN(5000)) * time.Millisecond)
			move = "moved forward"
		case r < 7:
			move = "stood still"
		case r < 8:
			clock = clock.Add(-time.Duration(1+rand.IntN(3000)) * time.Millisecond)
			move = "stepped back"
		default:
			clock = clock.Add(time.Duration(rand.IntN(1000)) * time.Microsecond)
			move = "moved by less than a millisecond"
		}
		id := s.Next()
		if !Valid(id) {
			t.Fatalf("Next() = %q, want 22 lowercase hex digits: 12 for the clock's milliseconds, 10 random", id)
		}
		ms, _ := strconv.ParseInt(id[:12], 16, 64)
		now := clock.UnixMilli()
		switch {
		case now > lastMS:
			if ms != now {
				t.Fatalf("the clock reads %d ms (%012x), past the last id %q; Next() = %q, "+
					"want an id whose first 12 hex digits are %012x", now, now, last, id, now)
			}
			if id <= last {
				t.Fatalf("Next() = %q after %q: ids must grow", id, last)
			}
		default:
			if want := orderedIDsPlusOne(last); id != want {
				t.Fatalf("the clock %s to %d ms, not past the last id %q (%d ms); Next() = %q, "+
					"want the last id plus one, %q, so that ids keep growing", move, now, last, lastMS, id, want)
			}
		}
		last, lastMS = id, ms
	}
}

// TestOrderedIDsAreRandom checks the last 10 hex digits of ids made one
// millisecond apart: random, not a counter and not a constant.
func TestOrderedIDsAreRandom(t *testing.T) {
	clock := time.UnixMilli(1<<40 + rand.Int64N(1<<41))
	s := New(func() time.Time { return clock })
	seen := map[string]bool{}
	steps := 0
	prev := ""
	const n = 200
	for range n {
		clock = clock.Add(time.Millisecond)
		id := s.Next()
		if !Valid(id) {
			t.Fatalf("Next() = %q, want 22 lowercase hex digits", id)
		}
		tail := id[12:]
		seen[tail] = true
		if prev != "" && orderedIDsPlusOne("000000000000" + prev)[12:] == tail {
			steps++
		}
		prev = tail
	}
	if len(seen) < n-2 || steps > 2 {
		t.Fatalf("%d ids made 1 ms apart have %d different last-10-digit parts, %d of them one more than the "+
			"one before: those 5 bytes must come from crypto/rand, fresh for each id whose time moved on",
			n, len(seen), steps)
	}
}

// TestOrderedIDsConcurrent calls Next from several goroutines on a clock
// that stands still: every id must be different (the lock around s.last).
func TestOrderedIDsConcurrent(t *testing.T) {
	clock := time.UnixMilli(1<<40 + rand.Int64N(1<<41))
	s := New(func() time.Time { return clock })
	workers, each := 4+rand.IntN(4), 500+rand.IntN(500)
	got := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				got[w] = append(got[w], s.Next())
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, ids := range got {
		for _, id := range ids {
			if !Valid(id) {
				t.Fatalf("Next() = %q, want 22 lowercase hex digits", id)
			}
			if seen[id] {
				t.Fatalf("Next() returned %q twice from %d goroutines: read and write s.last under s.mu", id, workers)
			}
			seen[id] = true
		}
	}
}
