package ratelimit

import (
	"testing"
	"testing/synctest"
	"time"
)

// TestFixedWindowDoubleBurst shows the flaw FixedWindow is kept to show:
// around a window's boundary, it lets through twice its limit within a
// moment, where Memory lets through the limit and one more per interval.
func TestFixedWindowDoubleBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := Policy{Limit: 10, Period: time.Minute}
		fw, m := NewFixedWindow(), NewMemory(MemoryOptions{})
		time.Sleep(time.Minute - time.Second) // one second before a boundary
		fixed, gcra := allowN(t, fw, "k", p, 10), allowN(t, m, "k", p, 10)
		time.Sleep(2 * time.Second) // one second after it
		fixed += allowN(t, fw, "k", p, 10)
		gcra += allowN(t, m, "k", p, 10)
		if fixed != 20 || gcra != 10 {
			t.Errorf("10 + 10 requests 2 s apart, across a boundary: fixed window %d, GCRA %d; want 20, 10", fixed, gcra)
		}
	})
}

func TestFixedWindowCounts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fw := NewFixedWindow()
		p := Policy{Limit: 3, Period: 10 * time.Second}
		time.Sleep(4 * time.Second)
		for i := range 3 {
			if d, _ := fw.Allow(ctx, "k", p); !d.Allowed || d.Remaining != 2-i || d.ResetAfter != 6*time.Second {
				t.Fatalf("request %d: %+v, want allowed, Remaining %d, ResetAfter 6s", i+1, d, 2-i)
			}
		}
		if d, _ := fw.Allow(ctx, "k", p); d.Allowed || d.RetryAfter != 6*time.Second {
			t.Fatalf("fourth: %+v, want refused until the window ends, in 6s", d)
		}
		time.Sleep(6 * time.Second)
		if d, _ := fw.Allow(ctx, "k", p); !d.Allowed || d.Remaining != 2 {
			t.Fatalf("in the next window: %+v, want a fresh count", d)
		}
	})
}
