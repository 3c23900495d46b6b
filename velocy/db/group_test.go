package db

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// TestGroupCommit shows writers sharing a sync, without timing anything:
// the first sync is held until seven more writers have queued behind it,
// and then those seven must be committed together, by one more sync.
func TestGroupCommit(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	queued := func() int {
		db.qmu.Lock()
		defer db.qmu.Unlock()
		return len(db.cur.ops)
	}
	var batches []int
	taken, release := make(chan struct{}), make(chan struct{})
	db.testBeforeSync = func(writes int) { // runs on each batch's leader
		batches = append(batches, writes)
		if len(batches) == 1 {
			close(taken)
			<-release
		}
	}
	var wg sync.WaitGroup
	put := func(id string) { // not mustPut: these run off the test's goroutine
		if err := db.Put(id, []byte(`0`)); err != nil {
			t.Error(err)
		}
	}
	wg.Go(func() { put("first") })
	<-taken // the first write is being synced
	for i := range 7 {
		wg.Go(func() { put(fmt.Sprint("w", i)) })
	}
	for queued() != 7 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(batches) != "[1 7]" {
		t.Errorf("batches of %v writes, want [1 7]: the seven queued during the first sync share the second", batches)
	}
	db = openT(t, dir, Options{})
	if db.Len() != 8 {
		t.Errorf("Len() after reopen = %d, want 8", db.Len())
	}
}
