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
	// TODO(10.07-parse): conditions joined by AND, then ORDER BY field
	// [ASC|DESC], LIMIT n, OFFSET n, then the end of the text.
	return Query{}, nil
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
	// TODO(10.07-parse): a word that is not a keyword, made of names joined by
	// dots, none empty or starting with a digit.
	return "", nil
}

// cond reads one condition.
func (p *parser) cond() (Cond, error) {
	// TODO(10.07-parse): a field, an operator (or BETWEEN), a value (a string
	// for ^=; BETWEEN: AND and a second value of the same type).
	return Cond{}, nil
}

// value reads a string, number, true, false or null.
func (p *parser) value() (any, error) {
	// TODO(10.07-parse): a quoted string (strconv.Unquote), a number
	// (strconv.ParseFloat), true, false or null.
	return nil, nil
}

// count reads the number after LIMIT or OFFSET.
func (p *parser) count() (int, error) {
	// TODO(10.07-parse): skip LIMIT or OFFSET, then a whole number of at least 0.
	return 0, nil
}
