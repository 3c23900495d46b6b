package naivestore

import (
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// TestReadModifyWrite counts with Get then Put, each safe on its own,
// and with Update, from several goroutines at once. Get then Put loses
// increments whenever two goroutines read the same value before either
// writes; how many depends on the scheduler, so it is reported, not
// asserted. Update must count every one.
func TestReadModifyWrite(t *testing.T) {
	const workers, each = 4, 25
	s, err := Open(filepath.Join(t.TempDir(), "s.json"))
	if err != nil {
		t.Fatal(err)
	}
	incr := func(old string, _ bool) string {
		n, _ := strconv.Atoi(old)
		return strconv.Itoa(n + 1)
	}
	run := func(key string, add func() error) int {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for range each {
					if err := add(); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		v, _ := s.Get(key)
		n, _ := strconv.Atoi(v)
		return n
	}
	racy := run("racy", func() error {
		old, ok := s.Get("racy")
		return s.Put("racy", incr(old, ok))
	})
	exact := run("exact", func() error { return s.Update("exact", incr) })
	t.Logf("%d goroutines x %d increments: Get then Put counted %d (%d lost), Update %d",
		workers, each, racy, workers*each-racy, exact)
	if exact != workers*each {
		t.Errorf("Update counted %d increments, want %d", exact, workers*each)
	}
}
