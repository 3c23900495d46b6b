package db

import (
	"strconv"
	"strings"
)

// String writes the condition as [ParseQuery] reads it.
func (c Cond) String() string {
	if c.Op == Between {
		return c.Field + " BETWEEN " + formatValue(c.Value) + " AND " + formatValue(c.Value2)
	}
	return c.Field + " " + c.Op.String() + " " + formatValue(c.Value)
}

// String writes the query as [ParseQuery] reads it, so that parsing it
// gives q back (for a query whose fields are not keywords).
func (q Query) String() string {
	var parts []string
	for i, c := range q.Where {
		if i > 0 {
			parts = append(parts, "AND")
		}
		parts = append(parts, c.String())
	}
	if q.OrderBy != "" {
		parts = append(parts, "ORDER BY", q.OrderBy)
		if q.Desc {
			parts = append(parts, "DESC")
		}
	}
	if q.Limit > 0 {
		parts = append(parts, "LIMIT", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		parts = append(parts, "OFFSET", strconv.Itoa(q.Offset))
	}
	return strings.Join(parts, " ")
}
