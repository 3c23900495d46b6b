package db

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestModel runs random sequences of Put, Delete, Get, Range and
// Close+Open against a map that says what the database must hold. Small
// segments make the sequences cross segment boundaries too.
func TestModel(t *testing.T) {
	seeds := 20
	if testing.Short() {
		seeds = 5
	}
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			runModel(t, seed, 400)
		})
	}
	// The same with every read through ReadAt, as where files are not
	// mapped.
	defer func(old bool) { useMmap = old }(useMmap)
	useMmap = false
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint("readat/seed=", seed), func(t *testing.T) {
			runModel(t, seed, 400)
		})
	}
}

func runModel(t *testing.T, seed uint64, steps int) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	dir := t.TempDir()
	opts := Options{NoSync: true, SegmentSize: int64(64 + rng.IntN(2048))}
	db, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	model := map[string]string{}
	var trace []string
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d after %s: %s", seed, strings.Join(trace, "; "), fmt.Sprintf(format, args...))
	}
	for step := range steps {
		id := fmt.Sprint("k", rng.IntN(30))
		switch op := rng.IntN(100); {
		case op < 45:
			doc := fmt.Sprintf(`{"step":%d,"pad":%q}`, step, strings.Repeat("x", rng.IntN(200)))
			trace = append(trace, "put "+id)
			if err := db.Put(id, []byte(doc)); err != nil {
				fail("Put = %v", err)
			}
			model[id] = doc
		case op < 60:
			trace = append(trace, "delete "+id)
			if err := db.Delete(id); err != nil {
				fail("Delete = %v", err)
			}
			delete(model, id)
		case op < 90:
			got, err := db.Get(id)
			want, ok := model[id]
			switch {
			case !ok && err != ErrNotFound:
				fail("Get(%s) = %s, %v, want ErrNotFound", id, got, err)
			case ok && (err != nil || string(got) != want):
				fail("Get(%s) = %s, %v, want %s", id, got, err, want)
			}
		case op < 95:
			trace = append(trace, "reopen")
			if err := db.Close(); err != nil {
				fail("Close = %v", err)
			}
			if db, err = Open(dir, opts); err != nil {
				fail("Open = %v", err)
			}
			if rec := db.Recovery(); rec.Truncated != 0 {
				fail("a clean reopen cut %d bytes", rec.Truncated)
			}
		default:
			var ids []string
			err := db.Range("", func(id string, doc []byte) bool {
				if model[id] != string(doc) {
					fail("Range gave %s = %s, want %s", id, doc, model[id])
				}
				ids = append(ids, id)
				return true
			})
			want := slices.Sorted(maps.Keys(model))
			if err != nil || !slices.Equal(ids, want) {
				fail("Range visited %v, %v, want %v", ids, err, want)
			}
		}
		if db.Len() != len(model) {
			fail("Len() = %d, want %d", db.Len(), len(model))
		}
	}
}
