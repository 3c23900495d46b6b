package db

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

var uniqueEmail = []Index{{Name: "email", Field: "email", Unique: true}}

func TestUniqueRefusesSecondID(t *testing.T) {
	db := openT(t, t.TempDir(), Options{NoSync: true, Indexes: uniqueEmail})
	mustPut(t, db, "a", `{"email":"x@y"}`)
	mustPut(t, db, "a", `{"email":"x@y","v":2}`) // the same id may keep its value
	err := db.Put("b", []byte(`{"email":"x@y"}`))
	if !errors.Is(err, ErrUnique) {
		t.Fatalf("second id with the same email: Put = %v, want ErrUnique", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"email"`) || !strings.Contains(msg, `"x@y"`) {
		t.Errorf("error %q should name the index and the value", msg)
	}
	if _, err := db.Get("b"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused Put was stored: Get = %v", err)
	}
	mustPut(t, db, "a", `{"email":"z@y"}`) // a moves away: x@y is free
	mustPut(t, db, "b", `{"email":"x@y"}`)
	if err := db.Delete("b"); err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, "c", `{"email":"x@y"}`)
	mustPut(t, db, "d", `{"other":1}`) // no value: not in the index
	mustPut(t, db, "e", `{"other":1}`)
}

// TestUniqueRace makes writers race for one value while a commit is
// running, so that none of them is in the index yet when they are checked:
// exactly one may be queued, the others must be refused against its claim.
// Then the same without holding a commit, many times.
func TestUniqueRace(t *testing.T) {
	const writers, rounds = 8, 30
	db := openT(t, t.TempDir(), Options{NoSync: true, Indexes: uniqueEmail})
	var hold atomic.Bool
	entered, release := make(chan struct{}), make(chan struct{})
	db.testBeforeSync = func(int) {
		if hold.Load() {
			entered <- struct{}{}
			<-release
		}
	}
	race := func(r int, held bool) {
		var blocker sync.WaitGroup
		if held {
			hold.Store(true)
			blocker.Go(func() { mustPut(t, db, fmt.Sprint("blocker", r), `{}`) })
			<-entered // a commit is running: the next writes queue
			hold.Store(false)
		}
		results := make(chan error, writers)
		start := make(chan struct{})
		for w := range writers {
			go func() {
				<-start
				results <- db.Put(fmt.Sprintf("w%d-r%d", w, r), fmt.Appendf(nil, `{"email":"r%d"}`, r))
			}()
		}
		close(start)
		won, lost := 0, 0
		released := !held
		for won+lost < writers {
			if !released {
				db.qmu.Lock()
				queued := len(db.cur.ops)
				db.qmu.Unlock()
				if won+lost+queued == writers { // everyone answered or queued
					release <- struct{}{}
					released = true
				}
			}
			var err error
			select {
			case err = <-results:
			default:
				runtime.Gosched()
				continue
			}
			switch {
			case err == nil:
				won++
			case errors.Is(err, ErrUnique):
				lost++
			default:
				t.Fatalf("round %d: Put = %v", r, err)
			}
		}
		blocker.Wait()
		got, err := db.Find(Query{Where: []Cond{{Field: "email", Op: Eq, Value: fmt.Sprint("r", r)}}})
		if err != nil {
			t.Fatal(err)
		}
		if won != 1 || len(got) != 1 {
			t.Fatalf("round %d (commit held: %v): %d Puts won and Find returns %d documents, want 1 and 1", r, held, won, len(got))
		}
	}
	for r := range rounds {
		race(r, r%2 == 0)
	}
}

func TestOpenRefusesDuplicatesOfUnique(t *testing.T) {
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true})
	mustPut(t, db, "a", `{"email":"x"}`)
	mustPut(t, db, "b", `{"email":"x"}`)
	db.Close()
	if _, err := Open(dir, Options{Indexes: uniqueEmail}); !errors.Is(err, ErrUnique) {
		t.Fatalf("Open with a unique index over duplicates = %v, want ErrUnique", err)
	}
	db = openT(t, dir, Options{Indexes: []Index{{Name: "email", Field: "email"}}})
	if got, _ := db.Find(Query{Where: []Cond{{Field: "email", Op: Eq, Value: "x"}}}); len(got) != 2 {
		t.Fatalf("a non-unique index finds %d documents, want 2", len(got))
	}
}

func TestIndexOptionsChecked(t *testing.T) {
	for _, ix := range [][]Index{
		{{Name: "", Field: "a"}},
		{{Name: "a", Field: "a"}, {Name: "a", Field: "b"}},
		{{Name: "a", Field: "x..y"}},
		{{Name: "a", Field: ""}},
	} {
		if db, err := Open(t.TempDir(), Options{Indexes: ix}); err == nil {
			db.Close()
			t.Errorf("Open with indexes %+v = nil error", ix)
		}
	}
}
