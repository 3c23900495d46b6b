package db

import (
	"errors"
	"fmt"
)

// Op is the operator of a condition.
type Op int

// The operators. Each compares a field with a value of the same type:
// "n > 5" holds for the numbers above 5, never for a string or null (see
// the order of types in [ParseQuery]).
const (
	Eq      Op = iota + 1 // field = Value
	Lt                    // field < Value
	Le                    // field <= Value
	Gt                    // field > Value
	Ge                    // field >= Value
	Between               // Value <= field <= Value2, both of one type
	Prefix                // field ^= Value: a string starting with Value
)

var opNames = [...]string{Eq: "=", Lt: "<", Le: "<=", Gt: ">", Ge: ">=", Between: "BETWEEN", Prefix: "^="}

// String returns the operator as a query writes it.
func (o Op) String() string {
	if o > 0 && int(o) < len(opNames) {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// Cond is one condition on a field. Values are nil (null), a bool, a
// number or a string; numbers compare as float64.
type Cond struct {
	Field  string // a field, or a dotted path into objects: "address.city"
	Op     Op
	Value  any
	Value2 any // the upper bound of Between
}

// Query selects documents: those meeting every condition of Where (an
// AND), ordered by the field OrderBy if set (descending if Desc; equal
// values in id order, reversed too if Desc) or else by id, skipping the
// first Offset and returning at most Limit (0: no limit). A document
// lacking a scalar at a condition's field, or at OrderBy, is not
// selected.
type Query struct {
	Where   []Cond
	OrderBy string
	Desc    bool
	Limit   int
	Offset  int
}

// Doc is a document found by [DB.Find].
type Doc struct {
	ID   string
	JSON []byte
}

// intersect narrows r to the part also in s.
func (r interval) intersect(s interval) interval {
	if s.hasLo && (!r.hasLo || s.lo > r.lo || s.lo == r.lo && !s.loIncl) {
		r.lo, r.hasLo, r.loIncl = s.lo, true, s.loIncl
	}
	if s.hasHi && (!r.hasHi || s.hi < r.hi || s.hi == r.hi && !s.hiIncl) {
		r.hi, r.hasHi, r.hiIncl = s.hi, true, s.hiIncl
	}
	return r
}

// typeRange is every key of the type with tag t.
func typeRange(t byte) interval {
	return interval{lo: string([]byte{t}), hasLo: true, loIncl: true, hi: string([]byte{t + 1}), hasHi: true}
}

// interval returns the keys that meet c.
func (c Cond) interval() (interval, error) {
	k, err := encodeKey(c.Value)
	if err != nil {
		return interval{}, err
	}
	r := typeRange(k[0])
	switch c.Op {
	case Eq:
		return interval{lo: k, hi: k, hasLo: true, hasHi: true, loIncl: true, hiIncl: true}, nil
	case Lt, Le:
		r.hi, r.hiIncl = k, c.Op == Le
	case Gt, Ge:
		r.lo, r.loIncl = k, c.Op == Ge
	case Between:
		k2, err := encodeKey(c.Value2)
		if err != nil {
			return interval{}, err
		}
		if k2[0] != k[0] {
			return interval{}, fmt.Errorf("BETWEEN %s AND %s: bounds of two types", formatValue(c.Value), formatValue(c.Value2))
		}
		r.lo, r.hi, r.hiIncl = k, k2, true
	case Prefix:
		if k[0] != tagString {
			return interval{}, fmt.Errorf("^= %s: a prefix must be a string", formatValue(c.Value))
		}
		r.lo = k
		if next, ok := successor(k); ok {
			r.hi = next // every string with the prefix is below it
		}
	default:
		return interval{}, fmt.Errorf("unknown operator %v", c.Op)
	}
	return r, nil
}

// successor returns the smallest string above every string that starts
// with p: p with its last byte below 0xff incremented and what follows
// dropped.
func successor(p string) (string, bool) {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}

// fieldRange is what a query asks of one field: the conditions on it and
// the keys that meet them all.
type fieldRange struct {
	field string
	r     interval
	conds []Cond
}

// compiled is a checked query, its conditions grouped by field.
type compiled struct {
	q      Query
	fields []fieldRange
}

// compile checks q and groups its conditions by field, in the order of
// their first appearance.
func compile(q Query) (*compiled, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return nil, errors.New("db: query: negative LIMIT or OFFSET")
	}
	c := &compiled{q: q}
	for _, cond := range q.Where {
		if cond.Field == "" {
			return nil, errors.New("db: query: condition without a field")
		}
		r, err := cond.interval()
		if err != nil {
			return nil, fmt.Errorf("db: query: %s: %w", cond.Field, err)
		}
		i := c.find(cond.Field)
		if i < 0 {
			c.fields = append(c.fields, fieldRange{field: cond.Field, r: r})
			i = len(c.fields) - 1
		} else {
			c.fields[i].r = c.fields[i].r.intersect(r)
		}
		c.fields[i].conds = append(c.fields[i].conds, cond)
	}
	return c, nil
}

func (c *compiled) find(field string) int {
	for i, f := range c.fields {
		if f.field == field {
			return i
		}
	}
	return -1
}

// match reports whether a document meets every condition and has the
// ORDER BY field, and returns the key of that field.
func (c *compiled) match(f fields) (orderKey string, ok bool) {
	for _, fr := range c.fields {
		k, ok := f.key(fr.field)
		if !ok || !fr.r.contains(k) {
			return "", false
		}
	}
	if c.q.OrderBy != "" {
		return f.key(c.q.OrderBy)
	}
	return "", true
}
