package db

import (
	"slices"
	"strings"
)

// Find returns the documents that q selects (see [Query]), following the
// plan that [DB.Explain] reports. Writes may run meanwhile: Find re-checks
// every document it fetches against the whole query, so it never returns
// one that does not match, but a document written during the call may be
// missed or found.
func (db *DB) Find(q Query) ([]Doc, error) {
	// TODO(10.07-find): compile q, plan it under db.sec.mu shared, and run the
	// plan: a full scan, the index read in order, or the index's ids
	// fetched, checked, sorted and paged.
	return nil, nil
}

// hit is a matching document with the key of its ORDER BY field.
type hit struct {
	Doc
	key string
}

// fetch reads id and checks it against the query.
func (db *DB) fetch(c *compiled, id string) (hit, bool, error) {
	// TODO(10.07-find): Get the document (a missing one is no match) and check
	// it with c.match.
	return hit{}, false, nil
}

// findOrdered reads the index in the query's order, skipping Offset
// matches and stopping after Limit. The caller holds db.sec.mu shared.
func (db *DB) findOrdered(c *compiled, p Plan) ([]Doc, error) {
	// TODO(10.07-find): scan p.ix's tree over p.r in the query's direction,
	// fetch each id, keep the matches whose ORDER BY key is the entry's,
	// skip Offset of them and stop at Limit.
	return nil, nil
}

// findScan reads every document: the plan when no index helps.
func (db *DB) findScan(c *compiled) ([]Doc, error) {
	// TODO(10.07-find): Range over every document, keep the matches (a copy:
	// Range reuses its buffer), then sort and page them.
	return nil, nil
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
