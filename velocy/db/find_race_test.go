package db

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
)

// TestFindDuringWrites runs queries while writers move documents in and
// out of their ranges: every document a query returns must match it, in
// order, even though the secondary index is published after the primary
// one. Run it with -race.
func TestFindDuringWrites(t *testing.T) {
	db := openT(t, t.TempDir(), Options{NoSync: true, Indexes: []Index{{Name: "by_n", Field: "n"}}})
	for i := range 50 {
		mustPut(t, db, fmt.Sprint("d", i), fmt.Sprintf(`{"n":%d}`, i%20))
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for !stop.Load() {
				id := fmt.Sprint("d", rng.IntN(50))
				var err error
				if rng.IntN(4) == 0 {
					err = db.Delete(id)
				} else {
					err = db.Put(id, fmt.Appendf(nil, `{"n":%d}`, rng.IntN(20)))
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	queries := []string{`n BETWEEN 5 AND 9`, `n >= 10 ORDER BY n DESC LIMIT 5`, `n < 3 ORDER BY n`, `n = 7`}
	for i := range 2000 {
		q, err := ParseQuery(queries[i%len(queries)])
		if err != nil {
			t.Fatal(err)
		}
		c, _ := compile(q)
		docs, err := db.Find(q)
		if err != nil {
			t.Fatal(err)
		}
		prev := ""
		for _, d := range docs {
			k, ok := c.match(parseFields(d.JSON))
			if !ok {
				t.Fatalf("Find(%s) returned %s %s, which does not match", q, d.ID, d.JSON)
			}
			if q.OrderBy != "" && prev != "" && (k < prev) != q.Desc && k != prev {
				t.Fatalf("Find(%s) is out of order at %s %s", q, d.ID, d.JSON)
			}
			prev = k
		}
	}
	stop.Store(true)
	wg.Wait()
}
