package db

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func parseCheckValue() any {
	switch rand.IntN(6) {
	case 0:
		return nil
	case 1:
		return rand.IntN(2) == 0
	case 2:
		return []string{"open", `say "hi"`, "tab\there", "é", ""}[rand.IntN(5)]
	}
	return float64(rand.IntN(20001)-10000) / []float64{1, 4, 1000}[rand.IntN(3)]
}

func parseCheckQuery() Query {
	var q Query
	for range 1 + rand.IntN(3) {
		c := Cond{Field: []string{"a", "due", "addr.city", "x_1"}[rand.IntN(4)], Op: Op(1 + rand.IntN(7)), Value: parseCheckValue()}
		switch c.Op {
		case Prefix:
			c.Value = []string{"ab", "", "é"}[rand.IntN(3)]
		case Between:
			c.Value, c.Value2 = float64(rand.IntN(10)), float64(10+rand.IntN(10))
		}
		q.Where = append(q.Where, c)
	}
	if rand.IntN(2) == 0 {
		q.OrderBy, q.Desc = "due", rand.IntN(2) == 0
	}
	q.Limit, q.Offset = rand.IntN(3)*10, rand.IntN(2)*5
	return q
}

func TestParseQueryRoundTrip(t *testing.T) {
	for range 500 {
		q := parseCheckQuery()
		text := q.String()
		if rand.IntN(2) == 0 { // keywords in any case
			text = strings.NewReplacer(" AND ", " and ", "ORDER BY", "order by", " DESC", " desc").Replace(text)
		}
		got, err := ParseQuery(text)
		if err != nil {
			t.Fatalf("ParseQuery(%q) = %v", text, err)
		}
		if !reflect.DeepEqual(got, q) {
			t.Fatalf("ParseQuery(%q) = %#v\nwant %#v", text, got, q)
		}
	}
	if q, err := ParseQuery("  "); err != nil || !reflect.DeepEqual(q, Query{}) {
		t.Fatalf("ParseQuery of blanks = %#v, %v; want the empty query (every document)", q, err)
	}
}

func TestParseQueryErrorsSayWhere(t *testing.T) {
	for _, tc := range []struct {
		in       string
		pos      int
		expected string
	}{
		{`a = `, 4, "a value"},
		{`a = 1 b = 2`, 6, "AND, ORDER BY, LIMIT, OFFSET or the end of the query"},
		{`a ^= 1`, 5, "a quoted string after ^="},
		{`a BETWEEN 1 AND "x"`, 16, "a second bound of the same type"},
		{`a BETWEEN 1 2`, 12, "AND"},
		{`ORDER due`, 6, "BY"},
		{`LIMIT x`, 6, "a whole number"},
		{`a.1b = 1`, 0, "a field name"},
		{`limit = 3`, 6, "a whole number"},
		{`a ~ 1`, 2, "an operator"},
		{`a = 1 AND`, 9, "a field name"},
	} {
		_, err := ParseQuery(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("ParseQuery(%q) = %v; want a *ParseError", tc.in, err)
		}
		if pe.Pos != tc.pos || !strings.HasPrefix(pe.Expected, tc.expected) {
			t.Fatalf("ParseQuery(%q): error at %d expecting %q; want at %d expecting %q...", tc.in, pe.Pos, pe.Expected, tc.pos, tc.expected)
		}
	}
}
