package metrics

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"
)

// metSnapHist returns a histogram with bounds 1, 2, 3, ...
func metSnapHist() *Histogram {
	upper := make([]float64, 1+rand.IntN(10))
	for i := range upper {
		upper[i] = float64(i + 1)
	}
	return newHistogram(upper, leStrings(upper))
}

func TestMetSnapshotSequential(t *testing.T) {
	h := metSnapHist()
	counts := make([]uint64, len(h.upper)+1)
	n, sum := uint64(0), 0.0
	for round := range 6 {
		for range rand.IntN(60) {
			v := float64(rand.IntN(8*(len(h.upper)+2))) / 8 // exact in binary: sums do not round
			h.Observe(v)
			counts[h.bucket(v)]++
			n++
			sum += v
		}
		gotN, gotSum, cum := metSnapTake(t, h)
		c := uint64(0)
		for i := range counts {
			c += counts[i]
			if cum[i] != c {
				t.Fatalf("snapshot %d: cum = %v, want bucket %d cumulated to %d (cum[i] counts every observation <= upper[i])", round+1, cum, i, c)
			}
		}
		if gotN != n || gotSum != sum {
			t.Fatalf("snapshot %d = count %d, sum %v, want %d, %v: every observation so far, including those before the earlier snapshots (move the old half's counts into the new hot half)", round+1, gotN, gotSum, n, sum)
		}
	}
	if h.Count() != n || h.Sum() != sum {
		t.Fatalf("Count() = %d, Sum() = %v, want %d, %v", h.Count(), h.Sum(), n, sum)
	}
}

func TestMetSnapshotWaitsForObserve(t *testing.T) {
	h := metSnapHist()
	k := rand.IntN(10)
	for range k {
		h.Observe(0.5)
	}
	// An Observe halfway through: counted in state, its sum added, its
	// bucket not yet.
	s := h.state.Add(1)
	half := &h.halves[s>>63]
	addFloat(&half.sum, 1)

	type result struct {
		count uint64
		sum   float64
	}
	done := make(chan result, 1)
	go func() {
		cum := make([]uint64, len(h.upper)+1)
		c, sum := h.snapshot(cum)
		done <- result{c, sum}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for h.state.Load()>>63 == s>>63 {
		select {
		case r := <-done:
			t.Fatalf("snapshot returned count %d, sum %v while an Observe was between its first and last step, without flipping the hot half: add hotBit to state, then wait until the old half's buckets add up to the observations started in it", r.count, r.sum)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("snapshot neither flipped the hot half nor returned within 10s")
		}
		runtime.Gosched()
	}
	half.counts[h.bucket(1)].Add(1) // the Observe ends
	select {
	case r := <-done:
		if r.count != uint64(k)+1 || r.sum != 0.5*float64(k)+1 {
			t.Fatalf("snapshot = count %d, sum %v, want %d, %v: it must wait for the Observe in progress, then count it in the buckets, the count and the sum alike", r.count, r.sum, k+1, 0.5*float64(k)+1)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("snapshot did not return within 10s of the last Observe finishing: does it wait for the right number (the low bits of state at the flip)?")
	}
	if c, _, _ := metSnapTake(t, h); c != uint64(k)+1 {
		t.Fatalf("a second snapshot counts %d, want %d: the first must move what it read into the new hot half", c, k+1)
	}
}

// metSnapTake takes a snapshot, failing the test instead of hanging when
// snapshot waits for observations that never come.
func metSnapTake(t *testing.T, h *Histogram) (uint64, float64, []uint64) {
	t.Helper()
	type result struct {
		count uint64
		sum   float64
		cum   []uint64
	}
	done := make(chan result, 1)
	go func() {
		cum := make([]uint64, len(h.upper)+1)
		c, sum := h.snapshot(cum)
		done <- result{c, sum, cum}
	}()
	select {
	case r := <-done:
		return r.count, r.sum, r.cum
	case <-time.After(10 * time.Second):
		t.Fatal("snapshot did not return within 10s with no Observe running: does it wait for the right number (the low bits of state at the flip)?")
	}
	return 0, 0, nil
}

func TestMetSnapshotUnderWrites(t *testing.T) {
	h := metSnapHist()
	writers, n := 4, 2000+rand.IntN(2000)
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for range n {
				h.Observe(1)
			}
		})
	}
	stop := make(chan struct{})
	go func() { wg.Wait(); close(stop) }()
	problem := make(chan string, 1)
	go func() {
		for reads := 0; ; reads++ {
			select {
			case <-stop:
				problem <- ""
				return
			default:
			}
			cum := make([]uint64, len(h.upper)+1)
			count, sum := h.snapshot(cum)
			for i := 1; i < len(cum); i++ {
				if cum[i] < cum[i-1] {
					problem <- fmt.Sprintf("snapshot %d under writes: cum = %v decreases", reads, cum)
					return
				}
			}
			if cum[len(cum)-1] != count || sum != float64(count) {
				problem <- fmt.Sprintf("snapshot %d under writes: +Inf bucket %d, count %d, sum %v; every Observe(1) counted in one must be in all three", reads, cum[len(cum)-1], count, sum)
				return
			}
		}
	}()
	select {
	case msg := <-problem:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("4 goroutines observing while snapshots are taken did not finish within 20s: does snapshot wait for observations that never come?")
	}
	if c, _, _ := metSnapTake(t, h); c != uint64(writers*n) {
		t.Fatalf("after %d × %d Observe, a snapshot counts %d", writers, n, c)
	}
}
