package db

import (
	"fmt"
	"strings"
)

// Plan is how [DB.Find] runs a query, as [DB.Explain] reports it.
type Plan struct {
	Index      string   // the index read, or "" for a full scan
	Field      string   // the index's field
	IndexConds []string // the conditions the index's range answers
	Residual   []string // the conditions checked on each fetched document
	OrderBy    string   // the ORDER BY field, if any
	Desc       bool     // descending order
	Sort       bool     // the results are sorted after they are fetched
	Estimate   int      // index entries (or, for a full scan, documents) expected to be read
	Total      int      // documents in the database
	Why        string   // why this plan was chosen

	ix      *secIndex
	r       interval
	ordered bool // the index is read in the query's order, and stops early
}

// String formats the plan over a few lines.
func (p Plan) String() string {
	var b strings.Builder
	if p.Index == "" {
		b.WriteString("full scan of every document\n")
	} else {
		fmt.Fprintf(&b, "index %s on %s\n", p.Index, p.Field)
		fmt.Fprintf(&b, "  index conditions: %s\n", orNone(p.IndexConds))
	}
	fmt.Fprintf(&b, "  residual filter:  %s\n", orNone(p.Residual))
	dir := "asc"
	if p.Desc {
		dir = "desc"
	}
	switch {
	case p.OrderBy == "":
		b.WriteString("  order:            by id\n")
	case p.Sort:
		fmt.Fprintf(&b, "  order:            sort by %s %s\n", p.OrderBy, dir)
	default:
		fmt.Fprintf(&b, "  order:            %s %s, from the index (no sort)\n", p.OrderBy, dir)
	}
	fmt.Fprintf(&b, "  estimated rows:   %d of %d\n", p.Estimate, p.Total)
	fmt.Fprintf(&b, "  why: %s", p.Why)
	return b.String()
}

func orNone(conds []string) string {
	if len(conds) == 0 {
		return "none"
	}
	return strings.Join(conds, " AND ")
}

// Explain returns the plan Find would follow for q, without running it.
func (db *DB) Explain(q Query) (Plan, error) {
	c, err := compile(q)
	if err != nil {
		return Plan{}, err
	}
	if db.closed.Load() {
		return Plan{}, ErrClosed
	}
	db.sec.mu.RLock()
	defer db.sec.mu.RUnlock()
	return db.plan(c), nil
}

// plan chooses how to run c. The caller holds db.sec.mu shared.
//
// Every condition on an indexed field is a candidate: the index's range
// for it, whose size the index counts in O(log n). The narrowest wins
// (an equality on a unique index holds one entry at most, so it wins
// whenever it applies); on a tie, the one that gives the ORDER BY order,
// then a unique index. With no candidate, every document is read. Last,
// with ORDER BY on an indexed field and a LIMIT, reading that index in
// order and stopping after offset+limit matches may read fewer entries
// than the best range would: if the rest of the query keeps a fraction
// f of the documents, about (offset+limit)/f.
func (db *DB) plan(c *compiled) Plan {
	// TODO(10.07-planner): count each usable index's range, keep the
	// narrowest, consider reading the ORDER BY index in order when there
	// is a LIMIT, and sort the conditions into IndexConds and Residual.
	return Plan{Total: db.Len(), Estimate: db.Len(), OrderBy: c.q.OrderBy, Desc: c.q.Desc, Sort: c.q.OrderBy != "", Why: "no planner yet"}
}
