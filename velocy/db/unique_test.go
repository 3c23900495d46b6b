package db

import (
	"errors"
	"fmt"
	"strings"
	"sync"
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

// TestUniqueRace makes writers race for one value, many times: exactly
// one may win each round, even when they all land in one batch.
func TestUniqueRace(t *testing.T) {
	const writers, rounds = 8, 50
	db := openT(t, t.TempDir(), Options{NoSync: true, Indexes: uniqueEmail})
	batched := 0
	db.testBeforeSync = func(n int) {
		if n > 1 {
			batched++
		}
	}
	for r := range rounds {
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, writers)
		for w := range writers {
			wg.Go(func() {
				<-start
				errs[w] = db.Put(fmt.Sprintf("w%d-r%d", w, r), fmt.Appendf(nil, `{"email":"r%d"}`, r))
			})
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, ErrUnique):
				t.Fatalf("round %d: Put = %v", r, err)
			}
		}
		got, err := db.Find(Query{Where: []Cond{{Field: "email", Op: Eq, Value: fmt.Sprint("r", r)}}})
		if err != nil {
			t.Fatal(err)
		}
		if won != 1 || len(got) != 1 {
			t.Fatalf("round %d: %d Puts won and Find returns %d documents, want 1 and 1", r, won, len(got))
		}
	}
	t.Logf("%d of %d rounds committed a batch of several writes", batched, rounds)
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
