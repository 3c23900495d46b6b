package db

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestGroupCommitSharesSyncs(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	defer d.Close()
	var batches []int // written by each batch's leader, one at a time
	d.testBeforeSync = func(writes int) { batches = append(batches, writes) }

	// A writer alone never waits for company: one record per sync.
	lone := 2 + rand.IntN(4)
	for i := range lone {
		if err := d.Put(fmt.Sprint("lone", i), []byte(`1`)); err != nil {
			t.Fatalf("Put = %v", err)
		}
	}
	if want := slices.Repeat([]int{1}, lone); !slices.Equal(batches, want) {
		t.Fatalf("%d Puts one after another were synced in batches of %v, want %v", lone, batches, want)
	}

	// Hold the first sync until n more writers have queued behind it.
	n := 3 + rand.IntN(6)
	batches = nil
	taken, release := make(chan struct{}), make(chan struct{})
	d.testBeforeSync = func(writes int) {
		batches = append(batches, writes)
		if len(batches) == 1 {
			close(taken)
			<-release
		}
	}
	var wg sync.WaitGroup
	put := func(id string) {
		if err := d.Put(id, []byte(`2`)); err != nil {
			t.Errorf("Put(%q) = %v", id, err)
		}
	}
	wg.Go(func() { put("first") })
	<-taken
	for i := range n {
		wg.Go(func() { put(fmt.Sprint("queued", i)) })
	}
	queued := func() int {
		d.qmu.Lock()
		defer d.qmu.Unlock()
		return len(d.cur.ops)
	}
	deadline := time.Now().Add(5 * time.Second) // only a failing check waits this long
	for queued() != n && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	got := queued()
	close(release)
	wg.Wait()
	if got != n {
		t.Fatalf("%d writers arrived while a sync ran, but db.cur holds %d queued writes: a writer that finds a commit running appends its record to db.cur and waits", n, got)
	}
	if want := []int{1, n}; !slices.Equal(batches, want) {
		t.Fatalf("batches of %v writes, want %v: the %d writers queued during the first sync share the next one, led by one of them", batches, want, n)
	}
	for i := range n {
		if _, err := d.Get(fmt.Sprint("queued", i)); err != nil {
			t.Fatalf("Get(%q) after its batch committed = %v", fmt.Sprint("queued", i), err)
		}
	}

	// Many writers at once: every write acknowledged is there.
	d.testBeforeSync = nil
	var wg2 sync.WaitGroup
	for w := range 8 {
		wg2.Go(func() {
			for i := range 20 {
				put(fmt.Sprintf("w%d-%d", w, i))
			}
		})
	}
	wg2.Wait()
	for w := range 8 {
		for i := range 20 {
			if _, err := d.Get(fmt.Sprintf("w%d-%d", w, i)); err != nil {
				t.Fatalf("Get(%q) after 8 concurrent writers = %v", fmt.Sprintf("w%d-%d", w, i), err)
			}
		}
	}
}
