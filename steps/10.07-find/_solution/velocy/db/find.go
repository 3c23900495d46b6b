package db

import (
	"errors"
	"slices"
	"strings"
)

// Find returns the documents that q selects (see [Query]), following the
// plan that [DB.Explain] reports. Writes may run meanwhile: Find re-checks
// every document it fetches against the whole query, so it never returns
// one that does not match, but a document written during the call may be
// missed or found.
func (db *DB) Find(q Query) ([]Doc, error) {
	c, err := compile(q)
	if err != nil {
		return nil, err
	}
	if db.closed.Load() {
		return nil, ErrClosed
	}
	db.sec.mu.RLock()
	p := db.plan(c)
	if p.ix == nil {
		db.sec.mu.RUnlock()
		return db.findScan(c)
	}
	if p.ordered {
		defer db.sec.mu.RUnlock()
		return db.findOrdered(c, p)
	}
	var ids []string
	p.ix.t.scan(p.r, false, func(e entry) bool {
		ids = append(ids, e.id)
		return true
	})
	db.sec.mu.RUnlock()
	var found []hit
	for _, id := range ids {
		h, ok, err := db.fetch(c, id)
		if err != nil {
			return nil, err
		}
		if ok {
			found = append(found, h)
		}
	}
	return page(c, sortHits(c, found)), nil
}

// hit is a matching document with the key of its ORDER BY field.
type hit struct {
	Doc
	key string
}

// fetch reads id and checks it against the query.
func (db *DB) fetch(c *compiled, id string) (hit, bool, error) {
	doc, err := db.Get(id)
	if errors.Is(err, ErrNotFound) { // deleted since the index was read
		return hit{}, false, nil
	}
	if err != nil {
		return hit{}, false, err
	}
	k, ok := c.match(parseFields(doc))
	return hit{Doc{id, doc}, k}, ok, nil
}

// findOrdered reads the index in the query's order, skipping Offset
// matches and stopping after Limit. The caller holds db.sec.mu shared.
func (db *DB) findOrdered(c *compiled, p Plan) ([]Doc, error) {
	var out []Doc
	skip := c.q.Offset
	var err error
	p.ix.t.scan(p.r, c.q.Desc, func(e entry) bool {
		var h hit
		var ok bool
		h, ok, err = db.fetch(c, e.id)
		if err != nil {
			return false
		}
		if !ok || h.key != e.key { // changed since: its new entry counts
			return true
		}
		if skip > 0 {
			skip--
			return true
		}
		out = append(out, h.Doc)
		return c.q.Limit == 0 || len(out) < c.q.Limit
	})
	return out, err
}

// findScan reads every document: the plan when no index helps.
func (db *DB) findScan(c *compiled) ([]Doc, error) {
	var found []hit
	err := db.Range("", func(id string, doc []byte) bool {
		if k, ok := c.match(parseFields(doc)); ok {
			found = append(found, hit{Doc{id, slices.Clone(doc)}, k})
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return page(c, sortHits(c, found)), nil
}

// sortHits orders hits by the ORDER BY key then id, or by id.
func sortHits(c *compiled, hs []hit) []hit {
	slices.SortFunc(hs, func(a, b hit) int {
		n := 0
		if c.q.OrderBy != "" {
			n = strings.Compare(a.key, b.key)
		}
		if n == 0 {
			n = strings.Compare(a.ID, b.ID)
		}
		if c.q.Desc && c.q.OrderBy != "" {
			n = -n
		}
		return n
	})
	return hs
}

// page applies Offset and Limit.
func page(c *compiled, hs []hit) []Doc {
	hs = hs[min(c.q.Offset, len(hs)):]
	if c.q.Limit > 0 && len(hs) > c.q.Limit {
		hs = hs[:c.q.Limit]
	}
	out := make([]Doc, len(hs))
	for i, h := range hs {
		out[i] = h.Doc
	}
	return out
}
