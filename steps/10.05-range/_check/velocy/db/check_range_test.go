package db

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// rangeFill opens a database in a new directory and puts random documents
// under random ids; it returns the database and what it holds.
func rangeFill(t *testing.T) (*DB, map[string]string) {
	t.Helper()
	d, err := Open(t.TempDir(), Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	t.Cleanup(func() { d.Close() })
	want := map[string]string{}
	for range 50 + rand.IntN(100) {
		id := fmt.Sprintf("%c%d", 'a'+rand.IntN(26), rand.IntN(1000))
		doc := fmt.Sprintf(`{"v":%d}`, rand.IntN(1e6))
		if err := d.Put(id, []byte(doc)); err != nil {
			t.Fatalf("Put = %v", err)
		}
		want[id] = doc
	}
	return d, want
}

// rangeIDsFrom returns the ids of m that are at least from, in order.
func rangeIDsFrom(m map[string]string, from string) []string {
	var ids []string
	for id := range m {
		if id >= from {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestRangeVisitsInOrder(t *testing.T) {
	d, want := rangeFill(t)
	if n := d.Len(); n != len(want) {
		t.Fatalf("Len() = %d, want %d", n, len(want))
	}
	for range 10 {
		from := fmt.Sprintf("%c%d", 'a'+rand.IntN(26), rand.IntN(1000))
		var got []string
		err := d.Range(from, func(id string, doc []byte) bool {
			if string(doc) != want[id] {
				t.Fatalf("Range(%q) gave %q the document %s, want %s", from, id, doc, want[id])
			}
			got = append(got, id)
			return true
		})
		if err != nil {
			t.Fatalf("Range(%q) = %v", from, err)
		}
		if w := rangeIDsFrom(want, from); !slices.Equal(got, w) {
			t.Fatalf("Range(%q) visited %q, want %q: every id at least from, in order", from, got, w)
		}
		if len(got) < 2 {
			continue
		}
		stop := 1 + rand.IntN(len(got)-1)
		n := 0
		d.Range(from, func(string, []byte) bool { n++; return n < stop })
		if n != stop {
			t.Fatalf("Range(%q) with fn returning false on call %d called fn %d times, want it to stop there", from, stop, n)
		}
	}
}

func TestRangeSeesOneInstant(t *testing.T) {
	d, want := rangeFill(t)
	ids := rangeIDsFrom(want, "")
	var got []string
	err := d.Range("", func(id string, doc []byte) bool {
		if string(doc) != want[id] {
			t.Fatalf("Range gave %q the document %s, want %s as it was when Range began", id, doc, want[id])
		}
		got = append(got, id)
		// Change what is ahead of us: a new id right after this one, a
		// later id deleted, another overwritten.
		if err := d.Put(id+"+", []byte(`"new"`)); err != nil {
			t.Fatalf("Put during Range = %v", err)
		}
		if len(ids) > len(got)+1 {
			if err := d.Delete(ids[len(got)]); err != nil {
				t.Fatalf("Delete during Range = %v", err)
			}
			if err := d.Put(ids[len(got)+1], []byte(`"changed"`)); err != nil {
				t.Fatalf("Put during Range = %v", err)
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("Range = %v", err)
	}
	if !slices.Equal(got, ids) {
		t.Fatalf("Range while fn writes visited %d ids, want the %d the database held when Range began (%q...)", len(got), len(ids), ids[:min(3, len(ids))])
	}
}
