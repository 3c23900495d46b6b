package db

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// maintainOptions returns NoSync options with these indexes, set by name
// so that this check compiles before Options has the field.
func maintainOptions(t *testing.T, ix []Index) Options {
	t.Helper()
	o := Options{NoSync: true}
	f := reflect.ValueOf(&o).Elem().FieldByName("Indexes")
	if !f.IsValid() {
		t.Fatal("Options has no field Indexes: add `Indexes []Index` to Options in options.go")
	}
	f.Set(reflect.ValueOf(ix))
	if _, ok := reflect.TypeOf(DB{}).FieldByName("sec"); !ok {
		t.Fatal("DB has no field sec: add `sec *indexSet` to DB in db.go, set by Open")
	}
	if _, ok := reflect.TypeOf(op{}).FieldByName("keys"); !ok {
		t.Fatal("op has no field keys: add `keys []string` to op in commit.go, the write's index keys")
	}
	return o
}

// maintainWant is each index's ids in order, by brute force.
func maintainWant(docs map[string]map[string]any, path []string) []string {
	type e struct{ k, id string }
	var es []e
	for id, d := range docs {
		var v any = d
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				v = struct{}{}
				break
			}
			if v, ok = m[p]; !ok {
				v = struct{}{}
				break
			}
		}
		if k, err := encodeKey(v); err == nil {
			es = append(es, e{k, id})
		}
	}
	slices.SortFunc(es, func(a, b e) int { return cmp.Or(strings.Compare(a.k, b.k), strings.Compare(a.id, b.id)) })
	ids := []string{}
	for _, x := range es {
		ids = append(ids, x.id)
	}
	return ids
}

func TestIndexMaintainPutsDeletesReopen(t *testing.T) {
	ix := []Index{{Name: "by_n", Field: "n"}, {Name: "by_city", Field: "addr.city"}}
	opts := maintainOptions(t, ix)
	dir := t.TempDir()
	d, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer func() { d.Close() }()
	docs := map[string]map[string]any{}
	check := func(when string) {
		t.Helper()
		for i, path := range [][]string{{"n"}, {"addr", "city"}} {
			got := d.indexIDs(ix[i].Name)
			if got == nil {
				got = []string{}
			}
			if want := maintainWant(docs, path); !slices.Equal(got, want) {
				t.Fatalf("%s: indexIDs(%q) = %v\nwant %v (ordered by the field's key, then id; documents without the field left out)", when, ix[i].Name, got, want)
			}
		}
	}
	for round := range 3 {
		for range 120 {
			id := fmt.Sprint("d", rand.IntN(40))
			if rand.IntN(5) == 0 {
				if err := d.Delete(id); err != nil {
					t.Fatal(err)
				}
				delete(docs, id)
				continue
			}
			doc := map[string]any{"addr": map[string]any{"city": []string{"Oslo", "Rome", "Lima"}[rand.IntN(3)]}}
			if rand.IntN(4) > 0 {
				doc["n"] = float64(rand.IntN(20))
			}
			b := fmt.Appendf(nil, `{"addr":{"city":%q}`, doc["addr"].(map[string]any)["city"])
			if n, ok := doc["n"]; ok {
				b = fmt.Appendf(b, `,"n":%v`, n)
			}
			b = append(b, '}')
			if err := d.Put(id, b); err != nil {
				t.Fatal(err)
			}
			docs[id] = doc
		}
		check(fmt.Sprint("round ", round, ", after Puts and Deletes"))
		d.Close()
		if d, err = Open(dir, opts); err != nil {
			t.Fatalf("reopen: %v", err)
		}
		check(fmt.Sprint("round ", round, ", after Close and Open (recovery must rebuild the indexes from the log)"))
	}
}

func TestIndexMaintainOpenRefusesDuplicates(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	v := rand.IntN(1000)
	d.Put("a", fmt.Appendf(nil, `{"email":"%d@x"}`, v))
	d.Put("b", fmt.Appendf(nil, `{"email":"%d@x"}`, v))
	d.Close()
	opts := maintainOptions(t, []Index{{Name: "email", Field: "email", Unique: true}})
	d, err = Open(dir, opts)
	if err == nil {
		d.Close()
		t.Fatal("Open with a unique index over two ids sharing a value = nil error; want an error wrapping ErrUnique (finishIndexes)")
	}
	if !errors.Is(err, ErrUnique) {
		t.Fatalf("Open = %v, want an error wrapping ErrUnique", err)
	}
}
