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
	b.WriteString("  why:")
	col := 6
	for _, w := range strings.Fields(p.Why) { // wrapped to fit 76 columns
		if col+1+len(w) > 76 {
			b.WriteString("\n      ")
			col = 6
		}
		b.WriteString(" " + w)
		col += 1 + len(w)
	}
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
	q := c.q
	p := Plan{Total: db.Len(), OrderBy: q.OrderBy, Desc: q.Desc}
	p.Estimate = p.Total
	p.Why = "no condition is on an indexed field"
	var ests []string
	bestOrdered, bestUnique := false, false
	for _, fr := range c.fields {
		ix := db.sec.byField(fr.field)
		if ix == nil {
			continue
		}
		est := ix.t.count(fr.r)
		ests = append(ests, fmt.Sprintf("%s %d", ix.Name, est))
		ordered := q.OrderBy == fr.field
		better := p.ix == nil || est < p.Estimate ||
			est == p.Estimate && (ordered && !bestOrdered || ordered == bestOrdered && ix.Unique && !bestUnique)
		if better {
			p.ix, p.r, p.Estimate = ix, fr.r, est
			bestOrdered, bestUnique = ordered, ix.Unique
		}
	}
	if p.ix != nil {
		p.ordered = bestOrdered
		if len(ests) == 1 {
			p.Why = fmt.Sprintf("the only condition on an indexed field (%s entries)", ests[0])
		} else {
			p.Why = fmt.Sprintf("the narrowest of %d index ranges (%s entries)", len(ests), strings.Join(ests, ", "))
		}
	}
	if ox := db.sec.byField(q.OrderBy); ox != nil && q.Limit > 0 && !p.ordered {
		r := interval{}
		if i := c.find(q.OrderBy); i >= 0 {
			r = c.fields[i].r
		}
		full := ox.t.count(r)
		need := q.Offset + q.Limit
		guess := full
		if p.ix != nil && p.Estimate > 0 { // the best range's share of all documents
			guess = min(full, need*max(p.Total, 1)/p.Estimate)
		} else if p.ix == nil {
			guess = min(full, need)
		}
		if guess < p.Estimate {
			p.Why = fmt.Sprintf("ORDER BY %s LIMIT %d: reading %s in order stops after about %d entries, fewer than the %d of the best alternative, and needs no sort",
				q.OrderBy, q.Limit, ox.Name, guess, p.Estimate)
			p.ix, p.r, p.Estimate, p.ordered = ox, r, guess, true
		}
	}
	for _, fr := range c.fields {
		for _, cond := range fr.conds {
			if p.ix != nil && fr.field == p.ix.Field {
				p.IndexConds = append(p.IndexConds, cond.String())
			} else {
				p.Residual = append(p.Residual, cond.String())
			}
		}
	}
	if p.ix != nil {
		p.Index, p.Field = p.ix.Name, p.ix.Field
	}
	p.Sort = q.OrderBy != "" && !p.ordered
	return p
}
