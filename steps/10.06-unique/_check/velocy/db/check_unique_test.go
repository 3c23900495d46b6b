package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

var uniqueCheckIndexes = []Index{{Name: "email", Field: "email", Unique: true}}

func TestUniqueCheckSameIDKeepsItsValue(t *testing.T) {
	d, err := Open(t.TempDir(), Options{NoSync: true, Indexes: uniqueCheckIndexes})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for i := range 3 {
		if err := d.Put("a", fmt.Appendf(nil, `{"email":"a@x","v":%d}`, i)); err != nil {
			t.Fatalf("Put of the same id and value again = %v, want nil: an id may keep its own value", err)
		}
	}
}

func TestUniqueCheckRefusesAnotherID(t *testing.T) {
	d, err := Open(t.TempDir(), Options{NoSync: true, Indexes: uniqueCheckIndexes})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	v := fmt.Sprintf("u%d@x", rand.IntN(1000))
	d.Put("a", fmt.Appendf(nil, `{"email":%q}`, v))
	err = d.Put("b", fmt.Appendf(nil, `{"email":%q}`, v))
	if !errors.Is(err, ErrUnique) {
		t.Fatalf("Put(b) with a's email = %v, want an error wrapping ErrUnique", err)
	}
	if !strings.Contains(err.Error(), `"email"`) || !strings.Contains(err.Error(), v) {
		t.Errorf("error %q should name the index and the value", err)
	}
	if _, err := d.Get("b"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a refused Put was stored: Get(b) = %v", err)
	}
	if err := d.Put("a", []byte(`{"email":"moved@x"}`)); err != nil {
		t.Fatal(err)
	}
	if err := d.Put("b", fmt.Appendf(nil, `{"email":%q}`, v)); err != nil {
		t.Fatalf("Put(b) after a moved to another email = %v, want nil: the value is free again", err)
	}
}

// TestUniqueCheckRace holds a commit so that the racing Puts all queue
// behind it: none is in the index when it is checked.
func TestUniqueCheckRace(t *testing.T) {
	const writers = 6
	d, err := Open(t.TempDir(), Options{NoSync: true, Indexes: uniqueCheckIndexes})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var hold atomic.Bool
	entered, release := make(chan struct{}), make(chan struct{})
	d.testBeforeSync = func(int) {
		if hold.Load() {
			entered <- struct{}{}
			<-release
		}
	}
	for r := range 10 {
		hold.Store(true)
		blocked := make(chan error, 1)
		go func() { blocked <- d.Put(fmt.Sprint("blocker", r), []byte(`{}`)) }()
		<-entered
		hold.Store(false)
		results := make(chan error, writers)
		value := fmt.Sprintf("r%d-%d", r, rand.IntN(1000))
		for w := range writers {
			go func() { results <- d.Put(fmt.Sprint("w", w, "-", r), fmt.Appendf(nil, `{"email":%q}`, value)) }()
		}
		won, lost, released := 0, 0, false
		for won+lost < writers {
			if !released {
				d.qmu.Lock()
				queued := len(d.cur.ops)
				d.qmu.Unlock()
				if won+lost+queued == writers {
					close(release)
					released = true
				}
			}
			select {
			case err := <-results:
				switch {
				case err == nil:
					won++
				case errors.Is(err, ErrUnique):
					lost++
				default:
					t.Fatalf("Put = %v", err)
				}
			default:
				runtime.Gosched()
			}
		}
		if err := <-blocked; err != nil {
			t.Fatal(err)
		}
		release = make(chan struct{})
		if won != 1 {
			t.Fatalf("%d Puts of one value by %d ids raced while a commit ran: %d succeeded, want exactly 1 (the index did not hold the value yet: check the claims of queued writes too)", writers, writers, won)
		}
	}
}
