package db

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

type findCheckDoc struct {
	n    float64
	hasN bool
	s    string
}

// findCheckWant runs the query by brute force: n and s conditions of
// the forms the check generates, ORDER BY n or s, LIMIT, OFFSET.
func findCheckWant(docs map[string]findCheckDoc, nLo, nHi float64, prefix string, q Query) []string {
	var ids []string
	for id, d := range docs {
		if (nLo <= nHi && (!d.hasN || d.n < nLo || d.n > nHi)) || !strings.HasPrefix(d.s, prefix) {
			continue
		}
		if q.OrderBy == "n" && !d.hasN {
			continue
		}
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		c := 0
		switch q.OrderBy {
		case "n":
			c = cmp.Compare(docs[a].n, docs[b].n)
		case "s":
			c = strings.Compare(docs[a].s, docs[b].s)
		}
		c = cmp.Or(c, strings.Compare(a, b))
		if q.Desc && q.OrderBy != "" {
			c = -c
		}
		return c
	})
	ids = ids[min(q.Offset, len(ids)):]
	if q.Limit > 0 {
		ids = ids[:min(q.Limit, len(ids))]
	}
	return ids
}

func TestFindAgainstBruteForce(t *testing.T) {
	for _, ix := range [][]Index{nil, {{Name: "by_n", Field: "n"}}, {{Name: "by_n", Field: "n"}, {Name: "by_s", Field: "s"}}} {
		d, err := Open(t.TempDir(), Options{NoSync: true, Indexes: ix})
		if err != nil {
			t.Fatal(err)
		}
		docs := map[string]findCheckDoc{}
		for range 300 {
			id := fmt.Sprint("d", rand.IntN(80))
			if rand.IntN(6) == 0 {
				d.Delete(id)
				delete(docs, id)
				continue
			}
			doc := findCheckDoc{n: float64(rand.IntN(30)), hasN: rand.IntN(5) > 0, s: []string{"a", "ab", "b", "ba", "c"}[rand.IntN(5)]}
			js := fmt.Sprintf(`{"s":%q}`, doc.s)
			if doc.hasN {
				js = fmt.Sprintf(`{"s":%q,"n":%v}`, doc.s, doc.n)
			}
			if err := d.Put(id, []byte(js)); err != nil {
				t.Fatal(err)
			}
			docs[id] = doc
		}
		for range 300 {
			var q Query
			nLo, nHi, prefix := 1.0, 0.0, ""
			if rand.IntN(2) == 0 {
				nLo = float64(rand.IntN(30))
				nHi = nLo + float64(rand.IntN(10))
				q.Where = append(q.Where, Cond{Field: "n", Op: Between, Value: nLo, Value2: nHi})
			}
			if rand.IntN(2) == 0 {
				prefix = []string{"a", "b", "ab"}[rand.IntN(3)]
				q.Where = append(q.Where, Cond{Field: "s", Op: Prefix, Value: prefix})
			}
			if rand.IntN(3) > 0 {
				q.OrderBy = []string{"n", "s"}[rand.IntN(2)]
				q.Desc = rand.IntN(2) == 0
			}
			q.Limit, q.Offset = rand.IntN(6), rand.IntN(3)
			got, err := d.Find(q)
			if err != nil {
				t.Fatalf("Find(%s) = %v", q, err)
			}
			ids := []string{}
			for _, doc := range got {
				ids = append(ids, doc.ID)
				if want := docs[doc.ID]; !strings.Contains(string(doc.JSON), fmt.Sprintf("%q", want.s)) {
					t.Fatalf("Find(%s) returned %s for %s, which holds s = %q", q, doc.JSON, doc.ID, want.s)
				}
			}
			want := findCheckWant(docs, nLo, nHi, prefix, q)
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(ids, want) {
				p, _ := d.Explain(q)
				t.Fatalf("with indexes %v: Find(%s) = %v\nwant %v\nplan:\n%s", ix, q, ids, want, p)
			}
		}
		d.Close()
	}
}
