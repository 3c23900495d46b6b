package db

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Index declares a secondary index in [Options.Indexes]: the documents
// ordered by the value of one field, so that [DB.Find] can answer a
// condition on it without reading every document. A document whose field
// is missing, or holds an object or an array, is not in the index.
type Index struct {
	Name   string // unique among the database's indexes; Explain names it
	Field  string // a top-level field, or a dotted path: "address.city"
	Unique bool   // a Put that would give two ids the same value fails
}

// ErrUnique is wrapped by the error of a Put refused because a unique
// index already holds its value for another id (or another Put of that
// value is queued), and by that of Open if the log holds such a pair.
var ErrUnique = errors.New("unique index violated")

// secIndex is one secondary index: a tree of (key, id) entries and, for
// each indexed id, its key, to find its entry again when the document
// changes or goes.
type secIndex struct {
	Index
	t    tree
	byID map[string]string
}

// indexSet is the database's secondary indexes. mu guards the trees and
// maps: the committing leader holds it exclusively while it publishes a
// batch (after the primary index), readers hold it shared. claims is
// guarded by DB.qmu instead (see unique.go).
type indexSet struct {
	mu     sync.RWMutex
	list   []*secIndex
	claims []map[string]claim // per index; nil unless Unique

	// opening is true while Open replays the log: apply then keeps only
	// byID, and finishIndexes builds each tree once, from sorted entries.
	opening bool
}

// newIndexSet checks the declarations and makes empty indexes.
func newIndexSet(defs []Index) (*indexSet, error) {
	s := &indexSet{opening: true}
	names := map[string]bool{}
	for _, d := range defs {
		if d.Name == "" || names[d.Name] {
			return nil, fmt.Errorf("db: index %q: a name must be set and not used twice", d.Name)
		}
		if d.Field == "" || strings.HasPrefix(d.Field, ".") || strings.HasSuffix(d.Field, ".") || strings.Contains(d.Field, "..") {
			return nil, fmt.Errorf("db: index %q: field %q is not a field or a dotted path", d.Name, d.Field)
		}
		names[d.Name] = true
		s.list = append(s.list, &secIndex{Index: d, byID: map[string]string{}})
		var c map[string]claim
		if d.Unique {
			c = map[string]claim{}
		}
		s.claims = append(s.claims, c)
	}
	return s, nil
}

// keysOf returns the key of doc's value in each index ("" where the
// document is not indexed), or nil if there are no indexes.
func (s *indexSet) keysOf(doc []byte) []string {
	if len(s.list) == 0 {
		return nil
	}
	f := parseFields(doc)
	keys := make([]string, len(s.list))
	for i, ix := range s.list {
		keys[i], _ = f.key(ix.Field)
	}
	return keys
}

// apply moves id to its new keys (none for a delete) in every index. The
// caller holds s.mu (or is Open).
func (s *indexSet) apply(kind byte, id string, keys []string) {
	for i, ix := range s.list {
		var k string
		if kind == kindPut && keys != nil {
			k = keys[i]
		}
		old, had := ix.byID[id]
		if had && old == k {
			continue
		}
		if had {
			if !s.opening {
				ix.t.delete(entry{old, id})
			}
			delete(ix.byID, id)
		}
		if k != "" {
			if !s.opening {
				ix.t.insert(entry{k, id})
			}
			ix.byID[id] = k
		}
	}
}

// byField returns the index on field, a unique one if there are several,
// or nil.
func (s *indexSet) byField(field string) *secIndex {
	var found *secIndex
	for _, ix := range s.list {
		if ix.Field == field && (found == nil || ix.Unique && !found.Unique) {
			found = ix
		}
	}
	return found
}

// indexKeys returns the keys of a write's document, computed before the
// write takes the queue's lock.
func (db *DB) indexKeys(kind byte, doc []byte) []string {
	if kind != kindPut {
		return nil
	}
	return db.sec.keysOf(doc)
}

// indexRecord applies a replayed record to the indexes (Open only).
func (db *DB) indexRecord(kind byte, id string, doc []byte) {
	if len(db.sec.list) > 0 {
		db.sec.apply(kind, id, db.indexKeys(kind, doc))
	}
}

// publishIndexes applies a durable batch to the indexes. The committing
// leader calls it after publishing the batch in the primary index, so a
// reader may briefly find a document whose index entry is not there yet,
// or is the old one: queries check every document they fetch.
func (db *DB) publishIndexes(ops []op) {
	s := db.sec
	if len(s.list) == 0 {
		return
	}
	s.mu.Lock()
	for _, o := range ops {
		s.apply(o.kind, o.id, o.keys)
	}
	s.mu.Unlock()
}

// finishIndexes ends Open's part: it builds each index's tree from the
// entries replay left in byID, sorted (O(n log n) in one sort, and O(n) to
// build, rather than n inserts that each miss the cache), and refuses a
// log in which two ids share the value of a unique index (an index
// declared unique on data that was not).
func (db *DB) finishIndexes() error {
	s := db.sec
	s.opening = false
	for _, ix := range s.list {
		es := make([]entry, 0, len(ix.byID))
		for id, k := range ix.byID {
			es = append(es, entry{k, id})
		}
		slices.SortFunc(es, entry.compare)
		ix.t.root = buildSorted(es)
		if !ix.Unique {
			continue
		}
		for i := 1; i < len(es); i++ {
			if es[i].key == es[i-1].key {
				return fmt.Errorf("db: open: unique index %q holds %s for ids %q and %q: %w", ix.Name, formatValue(decodeKey(es[i].key)), es[i-1].id, es[i].id, ErrUnique)
			}
		}
	}
	return nil
}

// indexIDs returns the ids in the index called name, in the order of
// their values, or nil if there is no such index. It is for tests.
func (db *DB) indexIDs(name string) []string {
	s := db.sec
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ids []string
	for _, ix := range s.list {
		if ix.Name == name {
			ix.t.scan(interval{}, false, func(e entry) bool {
				ids = append(ids, e.id)
				return true
			})
		}
	}
	return ids
}
