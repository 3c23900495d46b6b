package db

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseError is the error of [ParseQuery]: where the text went wrong and
// what was expected there.
type ParseError struct {
	Pos      int    // byte offset of the offending token, from 0
	Expected string // what the parser wanted
	Found    string // what it found, as written, or "end of query"
}

// Error reports the position counted from 1, as editors count columns.
func (e *ParseError) Error() string {
	return fmt.Sprintf("db: query: column %d: expected %s, found %s", e.Pos+1, e.Expected, e.Found)
}

// ParseQuery reads a query written as text:
//
//	query  = [cond {AND cond}] [ORDER BY field [ASC|DESC]]
//	         [LIMIT n] [OFFSET n]
//	cond   = field op value | field BETWEEN value AND value
//	op     = "=" | "<" | "<=" | ">" | ">=" | "^=" (string prefix)
//	value  = "string" | number | true | false | null
//	field  = name {"." name}    (name: letters, digits, _)
//
// For example `status = "open" AND due >= 20261201 ORDER BY due DESC
// LIMIT 10`. Keywords are case-insensitive; strings are quoted as in Go.
// Values of different types are ordered null < false < true < numbers <
// strings, and a comparison keeps to its value's type: "n > 5" never
// holds for a string. The empty query selects every document.
func ParseQuery(s string) (Query, error) {
	p := &parser{s: s}
	p.next()
	var q Query
	if !p.keyword("ORDER", "LIMIT", "OFFSET") && p.tok.kind != tokEOF {
		for {
			c, err := p.cond()
			if err != nil {
				return Query{}, err
			}
			q.Where = append(q.Where, c)
			if !p.keyword("AND") {
				break
			}
			p.next()
		}
	}
	if p.keyword("ORDER") {
		p.next()
		if !p.keyword("BY") {
			return Query{}, p.fail("BY after ORDER")
		}
		p.next()
		f, err := p.field()
		if err != nil {
			return Query{}, err
		}
		q.OrderBy = f
		if p.keyword("ASC", "DESC") {
			q.Desc = strings.EqualFold(p.tok.text, "DESC")
			p.next()
		}
	}
	var err error
	if p.keyword("LIMIT") {
		if q.Limit, err = p.count(); err != nil {
			return Query{}, err
		}
	}
	if p.keyword("OFFSET") {
		if q.Offset, err = p.count(); err != nil {
			return Query{}, err
		}
	}
	if p.tok.kind != tokEOF {
		return Query{}, p.fail("AND, ORDER BY, LIMIT, OFFSET or the end of the query")
	}
	return q, nil
}

type tokKind int

const (
	tokEOF    tokKind = iota
	tokWord           // a field or a keyword
	tokNumber         // -12.5e3
	tokString         // "quoted"
	tokOp             // = < <= > >= ^=
	tokBad            // anything else
)

type token struct {
	kind tokKind
	text string
	pos  int
}

type parser struct {
	s   string
	off int
	tok token
}

// next reads the next token into p.tok.
func (p *parser) next() {
	for p.off < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.off]) >= 0 {
		p.off++
	}
	start := p.off
	if start == len(p.s) {
		p.tok = token{tokEOF, "", start}
		return
	}
	c := p.s[start]
	end := start + 1
	kind := tokBad
	switch {
	case isWordByte(c):
		for end < len(p.s) && (isWordByte(p.s[end]) || p.s[end] == '.') {
			end++
		}
		kind = tokWord
		if c >= '0' && c <= '9' {
			kind = tokNumber
			end = numberEnd(p.s, start)
		}
	case c == '-':
		kind, end = tokNumber, numberEnd(p.s, start)
	case c == '"':
		for end < len(p.s) && p.s[end] != '"' {
			if p.s[end] == '\\' {
				end++
			}
			end++
		}
		if end < len(p.s) {
			kind, end = tokString, end+1
		} else {
			end = len(p.s)
		}
	case c == '=':
		kind = tokOp
	case c == '<' || c == '>':
		kind = tokOp
		if end < len(p.s) && p.s[end] == '=' {
			end++
		}
	case c == '^' && end < len(p.s) && p.s[end] == '=':
		kind, end = tokOp, end+1
	}
	p.tok = token{kind, p.s[start:end], start}
	p.off = end
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// numberEnd returns where a number starting at i ends: an optional minus,
// digits, optionally a fraction and an exponent.
func numberEnd(s string, i int) int {
	digits := func() {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits()
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		digits()
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			i = j
			digits()
		}
	}
	return i
}

// keyword reports whether the current token is one of the words, in any
// case.
func (p *parser) keyword(words ...string) bool {
	if p.tok.kind != tokWord {
		return false
	}
	for _, w := range words {
		if strings.EqualFold(p.tok.text, w) {
			return true
		}
	}
	return false
}

var keywords = []string{"AND", "BETWEEN", "ORDER", "BY", "ASC", "DESC", "LIMIT", "OFFSET", "TRUE", "FALSE", "NULL"}

func (p *parser) fail(expected string) error {
	found := strconv.Quote(p.tok.text)
	if p.tok.kind == tokEOF {
		found = "the end of the query"
	}
	return &ParseError{Pos: p.tok.pos, Expected: expected, Found: found}
}

// field reads a field name or dotted path.
func (p *parser) field() (string, error) {
	const want = "a field name (letters, digits and _, joined by dots)"
	if p.tok.kind != tokWord || p.keyword(keywords...) {
		return "", p.fail(want)
	}
	for _, name := range strings.Split(p.tok.text, ".") {
		if name == "" || name[0] >= '0' && name[0] <= '9' {
			return "", p.fail(want)
		}
	}
	f := p.tok.text
	p.next()
	return f, nil
}

// cond reads one condition.
func (p *parser) cond() (Cond, error) {
	f, err := p.field()
	if err != nil {
		return Cond{}, err
	}
	c := Cond{Field: f}
	switch {
	case p.keyword("BETWEEN"):
		c.Op = Between
	case p.tok.kind == tokOp:
		c.Op = map[string]Op{"=": Eq, "<": Lt, "<=": Le, ">": Gt, ">=": Ge, "^=": Prefix}[p.tok.text]
	default:
		return Cond{}, p.fail("an operator (=, <, <=, >, >=, ^= or BETWEEN)")
	}
	p.next()
	start := p.tok
	if c.Value, err = p.value(); err != nil {
		return Cond{}, err
	}
	if _, ok := c.Value.(string); c.Op == Prefix && !ok {
		p.tok = start
		return Cond{}, p.fail("a quoted string after ^=")
	}
	if c.Op == Between {
		if !p.keyword("AND") {
			return Cond{}, p.fail("AND between the bounds of BETWEEN")
		}
		p.next()
		second := p.tok
		if c.Value2, err = p.value(); err != nil {
			return Cond{}, err
		}
		k1, _ := encodeKey(c.Value)
		if k2, _ := encodeKey(c.Value2); k1[0] != k2[0] {
			p.tok = second
			return Cond{}, p.fail("a second bound of the same type as the first")
		}
	}
	return c, nil
}

// value reads a string, number, true, false or null.
func (p *parser) value() (any, error) {
	const want = "a value (a quoted string, a number, true, false or null)"
	var v any
	switch {
	case p.tok.kind == tokString:
		s, err := strconv.Unquote(p.tok.text)
		if err != nil {
			return nil, p.fail("a string quoted as in Go")
		}
		v = s
	case p.tok.kind == tokNumber:
		f, err := strconv.ParseFloat(p.tok.text, 64)
		if err != nil {
			return nil, p.fail("a number that fits a float64")
		}
		v = f
	case p.keyword("TRUE"):
		v = true
	case p.keyword("FALSE"):
		v = false
	case p.keyword("NULL"):
		v = nil
	default:
		return nil, p.fail(want)
	}
	p.next()
	return v, nil
}

// count reads the number after LIMIT or OFFSET.
func (p *parser) count() (int, error) {
	word := strings.ToUpper(p.tok.text)
	p.next()
	n, err := strconv.Atoi(p.tok.text)
	if p.tok.kind != tokNumber || err != nil || n < 0 {
		return 0, p.fail("a whole number after " + word)
	}
	p.next()
	return n, nil
}
