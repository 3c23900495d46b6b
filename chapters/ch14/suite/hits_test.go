package suite

import (
	"sync"
	"testing"
)

func TestHitsConcurrent(t *testing.T) {
	var h Hits
	h.Add("/a")
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			<-start
			for range 1000 {
				h.Add("/a")
			}
		})
		wg.Go(func() {
			<-start
			for range 1000 {
				h.Count("/a")
				_ = h.Snapshot()["/a"]
			}
		})
	}
	close(start)
	wg.Wait()
	if got := h.Count("/a"); got != 4*1000+1 {
		t.Fatalf("Count after 4×1000 concurrent Adds = %d, want 4001", got)
	}
	snap := h.Snapshot()
	h.Add("/a")
	if snap["/a"] != 4001 {
		t.Fatalf("a snapshot changed after it was taken: %d", snap["/a"])
	}
}
