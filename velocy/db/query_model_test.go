package db

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The query model test: random documents and random queries, every result
// checked against a brute-force filter over a map of Go values, which
// shares no code with the key encoding, the indexes or the planner.

var modelIndexes = []Index{
	{Name: "by_n", Field: "n"},
	{Name: "by_s", Field: "s"},
	{Name: "by_city", Field: "addr.city"},
}

var modelStrings = []string{"", "a", "ab", "abc", "b", "ba", "ÿ", "é", "éa"}

// modelValue returns a random scalar, or nil and false for "missing".
func modelValue(rng *rand.Rand) (any, bool) {
	switch rng.IntN(10) {
	case 0:
		return nil, false
	case 1:
		return nil, true
	case 2:
		return rng.IntN(2) == 0, true
	case 3, 4:
		return modelStrings[rng.IntN(len(modelStrings))], true
	}
	return float64(rng.IntN(21) - 5), true
}

func modelDoc(rng *rand.Rand) map[string]any {
	d := map[string]any{}
	for _, f := range []string{"n", "s", "m"} {
		if v, ok := modelValue(rng); ok {
			d[f] = v
		}
	}
	if v, ok := modelValue(rng); ok {
		d["addr"] = map[string]any{"city": v}
	} else if rng.IntN(3) == 0 {
		d["addr"] = "not an object"
	}
	return d
}

// modelGet returns the scalar at a dotted path.
func modelGet(d map[string]any, path string) (any, bool) {
	var cur any = d
	for name := range strings.SplitSeq(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[name]; !ok {
			return nil, false
		}
	}
	if _, isObj := cur.(map[string]any); isObj {
		return nil, false
	}
	return cur, true
}

func modelRank(v any) int {
	switch v.(type) {
	case nil:
		return 0
	case bool:
		return 1
	case float64:
		return 2
	}
	return 3
}

func modelCmp(a, b any) int {
	if c := cmp.Compare(modelRank(a), modelRank(b)); c != 0 {
		return c
	}
	switch a := a.(type) {
	case bool:
		x, y := 0, 0
		if a {
			x = 1
		}
		if b.(bool) {
			y = 1
		}
		return cmp.Compare(x, y)
	case float64:
		return cmp.Compare(a, b.(float64))
	case string:
		return strings.Compare(a, b.(string))
	}
	return 0
}

func modelMatch(c Cond, v any) bool {
	same := modelRank(v) == modelRank(c.Value)
	switch c.Op {
	case Eq:
		return same && modelCmp(v, c.Value) == 0
	case Lt:
		return same && modelCmp(v, c.Value) < 0
	case Le:
		return same && modelCmp(v, c.Value) <= 0
	case Gt:
		return same && modelCmp(v, c.Value) > 0
	case Ge:
		return same && modelCmp(v, c.Value) >= 0
	case Between:
		return same && modelCmp(v, c.Value) >= 0 && modelCmp(v, c.Value2) <= 0
	case Prefix:
		s, ok := v.(string)
		return ok && strings.HasPrefix(s, c.Value.(string))
	}
	return false
}

// modelFind is Find by brute force.
func modelFind(docs map[string]map[string]any, q Query) []string {
	type hit struct {
		id string
		v  any
	}
	var hits []hit
next:
	for id, d := range docs {
		for _, c := range q.Where {
			v, ok := modelGet(d, c.Field)
			if !ok || !modelMatch(c, v) {
				continue next
			}
		}
		var v any
		if q.OrderBy != "" {
			var ok bool
			if v, ok = modelGet(d, q.OrderBy); !ok {
				continue
			}
		}
		hits = append(hits, hit{id, v})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		c := modelCmp(a.v, b.v)
		if c == 0 {
			c = strings.Compare(a.id, b.id)
		}
		if q.Desc && q.OrderBy != "" {
			c = -c
		}
		return c
	})
	hits = hits[min(q.Offset, len(hits)):]
	if q.Limit > 0 {
		hits = hits[:min(q.Limit, len(hits))]
	}
	ids := []string{}
	for _, h := range hits {
		ids = append(ids, h.id)
	}
	return ids
}

func modelQuery(rng *rand.Rand) Query {
	fields := []string{"n", "s", "m", "addr.city", "addr"}
	var q Query
	for range rng.IntN(4) {
		c := Cond{Field: fields[rng.IntN(len(fields))], Op: Op(1 + rng.IntN(7))}
		c.Value, _ = modelValue(rng)
		switch c.Op {
		case Prefix:
			c.Value = []string{"", "a", "ab", "b", "é"}[rng.IntN(5)]
		case Between:
			c.Value = float64(rng.IntN(15) - 5)
			c.Value2 = c.Value.(float64) + float64(rng.IntN(8))
			if rng.IntN(4) == 0 {
				c.Value, c.Value2 = "a", "b"
			}
		}
		q.Where = append(q.Where, c)
	}
	if rng.IntN(2) == 0 {
		q.OrderBy = fields[rng.IntN(4)]
		q.Desc = rng.IntN(2) == 0
	}
	if rng.IntN(2) == 0 {
		q.Limit = 1 + rng.IntN(5)
	}
	if rng.IntN(3) == 0 {
		q.Offset = rng.IntN(4)
	}
	return q
}

func TestQueryModel(t *testing.T) {
	for seed := range uint64(10) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 0x1dec5))
			dir := t.TempDir()
			opts := Options{NoSync: true, SegmentSize: 4096, Indexes: modelIndexes}
			db := openT(t, dir, opts)
			docs := map[string]map[string]any{}
			check := func(when string) {
				for range 60 {
					q := modelQuery(rng)
					q2, err := ParseQuery(q.String())
					if err != nil {
						t.Fatalf("ParseQuery(%q) = %v", q.String(), err)
					}
					got, err := db.Find(q2)
					if err != nil {
						t.Fatalf("Find(%s) = %v", q, err)
					}
					ids := []string{}
					for _, d := range got {
						ids = append(ids, d.ID)
					}
					if want := modelFind(docs, q); !slices.Equal(ids, want) {
						p, _ := db.Explain(q2)
						t.Fatalf("%s: Find(%s) = %q, want %q\nplan:\n%s", when, q, ids, want, p)
					}
				}
			}
			for round := range 4 {
				for range 150 {
					id := fmt.Sprintf("d%02d", rng.IntN(60))
					if rng.IntN(5) == 0 {
						if err := db.Delete(id); err != nil {
							t.Fatal(err)
						}
						delete(docs, id)
						continue
					}
					d := modelDoc(rng)
					b, _ := json.Marshal(d)
					mustPut(t, db, id, string(b))
					docs[id] = d
				}
				check(fmt.Sprint("round ", round))
				if err := db.Close(); err != nil {
					t.Fatal(err)
				}
				db = openT(t, dir, opts)
				check(fmt.Sprint("after reopen ", round))
			}
		})
	}
}

func TestFindErrors(t *testing.T) {
	db := openT(t, t.TempDir(), Options{NoSync: true})
	for _, q := range []Query{
		{Where: []Cond{{Field: "a", Op: Prefix, Value: 1.0}}},
		{Where: []Cond{{Field: "a", Op: Between, Value: 1.0, Value2: "x"}}},
		{Where: []Cond{{Field: "", Op: Eq, Value: 1.0}}},
		{Where: []Cond{{Field: "a", Op: Eq, Value: []int{1}}}},
		{Limit: -1},
	} {
		if _, err := db.Find(q); err == nil {
			t.Errorf("Find(%#v) = nil error", q)
		}
	}
	db.Close()
	if _, err := db.Find(Query{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Find after Close = %v, want ErrClosed", err)
	}
}
