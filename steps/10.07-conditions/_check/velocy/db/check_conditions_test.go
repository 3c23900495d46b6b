package db

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

var condCheckStrings = []string{"", "a", "ab", "abc", "b", "ba", "é"}

func condCheckValue() any {
	switch rand.IntN(6) {
	case 0:
		return nil
	case 1:
		return rand.IntN(2) == 0
	case 2, 3:
		return condCheckStrings[rand.IntN(len(condCheckStrings))]
	}
	return float64(rand.IntN(11) - 5)
}

func condCheckRank(v any) int {
	switch v.(type) {
	case nil:
		return 0
	case bool:
		return 1
	case float64:
		return 2
	}
	return 3
}

// condCheckCmp compares two values of one type as Go does.
func condCheckCmp(a, b any) int {
	switch a := a.(type) {
	case bool:
		return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)) // "false" < "true"
	case float64:
		return cmp.Compare(a, b.(float64))
	case string:
		return strings.Compare(a, b.(string))
	}
	return 0
}

// condCheckMatch says by brute force whether v meets c.
func condCheckMatch(c Cond, v any) bool {
	if c.Op == Prefix {
		s, ok := v.(string)
		return ok && strings.HasPrefix(s, c.Value.(string))
	}
	if condCheckRank(v) != condCheckRank(c.Value) {
		return false // a comparison keeps to its value's type
	}
	n := condCheckCmp(v, c.Value)
	switch c.Op {
	case Eq:
		return n == 0
	case Lt:
		return n < 0
	case Le:
		return n <= 0
	case Gt:
		return n > 0
	case Ge:
		return n >= 0
	case Between:
		return n >= 0 && condCheckCmp(v, c.Value2) <= 0
	}
	return false
}

func condCheckCond() Cond {
	c := Cond{Field: "f", Op: Op(1 + rand.IntN(7)), Value: condCheckValue()}
	switch c.Op {
	case Prefix:
		c.Value = []string{"", "a", "ab", "b"}[rand.IntN(4)]
	case Between:
		c.Value = float64(rand.IntN(11) - 5)
		c.Value2 = c.Value.(float64) + float64(rand.IntN(5))
	}
	return c
}

func TestConditionsOneCondition(t *testing.T) {
	for range 3000 {
		c, v := condCheckCond(), condCheckValue()
		r, err := c.interval()
		if err != nil {
			t.Fatalf("(%s).interval() = %v", c, err)
		}
		k, _ := encodeKey(v)
		if got, want := r.contains(k), condCheckMatch(c, v); got != want {
			t.Fatalf("value %s meets %q: got %v, want %v (ranges such as > and < stay within the value's type)", formatValue(v), c, got, want)
		}
	}
	for _, bad := range []Cond{{Field: "f", Op: Prefix, Value: 1.0}, {Field: "f", Op: Between, Value: 1.0, Value2: "z"}} {
		if _, err := bad.interval(); err == nil {
			t.Errorf("(%s).interval() = nil error; want an error", bad)
		}
	}
}

func TestConditionsAndOnOneField(t *testing.T) {
	for range 1000 {
		q := Query{Where: []Cond{condCheckCond(), condCheckCond(), condCheckCond()}}
		v := condCheckValue()
		if rand.IntN(2) == 0 { // three conditions a number meets
			x := float64(rand.IntN(11) - 5)
			v = x
			q.Where = []Cond{
				{Field: "f", Op: Ge, Value: x - float64(rand.IntN(3))},
				{Field: "f", Op: Le, Value: x + float64(rand.IntN(3))},
				{Field: "f", Op: Between, Value: x - 1, Value2: x + float64(rand.IntN(2))},
			}
		}
		c, err := compile(q)
		if err != nil {
			t.Fatal(err)
		}
		doc := fmt.Appendf(nil, `{"f":%s}`, formatValue(v))
		want := true
		for _, cond := range q.Where {
			want = want && condCheckMatch(cond, v)
		}
		if _, got := c.match(parseFields(doc)); got != want {
			t.Fatalf("%s matches %q: got %v, want %v (the ranges of one field intersect)", doc, q, got, want)
		}
	}
}

func TestConditionsOrderByField(t *testing.T) {
	c, _ := compile(Query{OrderBy: "g"})
	g := rand.IntN(100)
	if k, ok := c.match(parseFields(fmt.Appendf(nil, `{"g":%d}`, g))); !ok || k != numberKey(float64(g)) {
		t.Fatalf("match with ORDER BY g of {\"g\":%d} = %x, %v; want g's key and true", g, k, ok)
	}
	if _, ok := c.match(parseFields([]byte(`{"h":1}`))); ok {
		t.Fatal(`match with ORDER BY g of {"h":1} = true; want false: a document without the ORDER BY field is left out`)
	}
}
