package db

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseQuery(t *testing.T) {
	q, err := ParseQuery(`status = "open" and due >= 20261201 AND n BETWEEN -1.5 AND 2e3 AND name ^= "ab" ORDER BY due DESC LIMIT 10 OFFSET 20`)
	if err != nil {
		t.Fatal(err)
	}
	want := Query{Where: []Cond{
		{Field: "status", Op: Eq, Value: "open"},
		{Field: "due", Op: Ge, Value: 20261201.0},
		{Field: "n", Op: Between, Value: -1.5, Value2: 2000.0},
		{Field: "name", Op: Prefix, Value: "ab"},
	}, OrderBy: "due", Desc: true, Limit: 10, Offset: 20}
	if !reflect.DeepEqual(q, want) {
		t.Fatalf("ParseQuery = %#v\nwant %#v", q, want)
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, tc := range []struct {
		in  string
		pos int
		exp string
	}{
		{`a = `, 4, "a value (a quoted string, a number, true, false or null)"},
		{`a == 1`, 3, "a value (a quoted string, a number, true, false or null)"},
		{`a = 1 b = 2`, 6, "AND, ORDER BY, LIMIT, OFFSET or the end of the query"},
		{`a ^= 1`, 5, "a quoted string after ^="},
		{`a BETWEEN 1 AND "x"`, 16, "a second bound of the same type as the first"},
		{`ORDER due`, 6, "BY after ORDER"},
		{`LIMIT -1`, 6, "a whole number after LIMIT"},
		{`a.1b = 1`, 0, "a field name (letters, digits and _, joined by dots)"},
		{`a = "open`, 4, "a value (a quoted string, a number, true, false or null)"},
		{`a ~ 1`, 2, "an operator (=, <, <=, >, >=, ^= or BETWEEN)"},
		{`a = 1e999`, 4, "a number that fits a float64"},
	} {
		_, err := ParseQuery(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseQuery(%q) = %v, want a *ParseError", tc.in, err)
			continue
		}
		if pe.Pos != tc.pos || pe.Expected != tc.exp {
			t.Errorf("ParseQuery(%q): at %d expected %q; want at %d expected %q (%v)", tc.in, pe.Pos, pe.Expected, tc.pos, tc.exp, err)
		}
	}
}

// FuzzParseQuery: ParseQuery never panics, and what it accepts prints
// back to text that parses to the same query.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		``, `a = 1`, `a.b ^= "x" ORDER BY a DESC LIMIT 3 OFFSET 1`,
		`n BETWEEN -1 AND 2.5e-3 and s < "\xff\u00e9"`, `x = null AND y = true AND z >= false`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			return
		}
		text := q.String()
		q2, err := ParseQuery(text)
		if err != nil {
			t.Fatalf("ParseQuery(%q) = %v; it printed the query parsed from %q", text, err, s)
		}
		if !reflect.DeepEqual(q, q2) {
			t.Fatalf("round trip of %q through %q: %#v != %#v", s, text, q, q2)
		}
	})
}
