package velocy

import (
	"fmt"
	"strings"
	"unicode"
)

// A pattern is parsed into segments, one per piece between slashes:
//
//	"/users/{id}/files/{path...}"  =>  static "users", param "id",
//	                                   static "files", catch-all "path"
//	"/users/"                      =>  static "users", static ""
//	"/"                            =>  static ""
//
// A trailing slash is an empty static segment, so "/users" and "/users/" are
// different routes.

// segmentKind tells what a pattern segment matches.
type segmentKind uint8

const (
	segStatic   segmentKind = iota // exactly its text
	segParam                       // {name}: any one non-empty segment
	segCatchAll                    // {name...}: the rest of the path, possibly empty
)

// segment is one parsed piece of a pattern.
type segment struct {
	kind segmentKind
	text string // static: the literal, percent-decoded; param and catch-all: the name
}

// parsePattern checks the syntax of pattern and splits it into segments.
// method is used only in the error, which is a *PatternError.
func parsePattern(method, pattern string) ([]segment, error) {
	fail := func(offset int, format string, args ...any) error {
		return &PatternError{Method: method, Pattern: pattern, Offset: offset, Problem: fmt.Sprintf(format, args...)}
	}
	if !strings.HasPrefix(pattern, "/") {
		if m, _, ok := strings.Cut(pattern, " "); ok && validMethod(m) {
			return nil, fail(0, "pattern starts with a method; pass %q as the method argument instead", m)
		}
		return nil, fail(0, "pattern must begin with '/'")
	}
	var segs []segment
	for start := 1; ; {
		end := strings.IndexByte(pattern[start:], '/')
		last := end < 0
		if last {
			end = len(pattern)
		} else {
			end += start
		}
		seg, err := parseSegment(pattern[start:end], start, last, segs, fail)
		if err != nil {
			return nil, err
		}
		segs = append(segs, seg)
		if last {
			return segs, nil
		}
		start = end + 1
	}
}

// parseSegment parses the segment text found at offset start of the pattern.
// earlier holds the segments before it, to find repeated wildcard names.
func parseSegment(text string, start int, last bool, earlier []segment, fail func(int, string, ...any) error) (segment, error) {
	if text == "" && !last {
		return segment{}, fail(start, "empty segment (\"//\")")
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c <= ' ' || c == 0x7f:
			return segment{}, fail(start+i, "invalid character %q", c)
		case c == '?' || c == '#':
			return segment{}, fail(start+i, "invalid character %q: a pattern matches the path only, not the query or fragment", c)
		}
	}

	if !strings.HasPrefix(text, "{") {
		if i := strings.IndexAny(text, "{}"); i >= 0 {
			return segment{}, fail(start+i, "a wildcard must be a whole segment, like /{name}")
		}
		literal, bad := unescape(text, false)
		if bad >= 0 {
			return segment{}, fail(start+bad, "malformed percent-escape %q", text[bad:min(bad+3, len(text))])
		}
		if literal == "." || literal == ".." { // "%2E" too: the router cleans paths of both
			return segment{}, fail(start, "dot segment %q: clients resolve these before sending a path, so no request would match", text)
		}
		return segment{kind: segStatic, text: literal}, nil
	}

	closing := strings.IndexByte(text, '}')
	if closing < 0 {
		return segment{}, fail(start+len(text), "wildcard has no closing '}'")
	}
	if closing != len(text)-1 {
		return segment{}, fail(start+closing+1, "a wildcard must be a whole segment, like /{name}")
	}
	name := text[1:closing]
	kind := segParam
	if n, ok := strings.CutSuffix(name, "..."); ok {
		name, kind = n, segCatchAll
	}
	switch {
	case name == "$":
		return segment{}, fail(start, "{$} is not supported: a velocy pattern already matches only the exact path (add a trailing slash for a path that ends in one)")
	case name == "":
		return segment{}, fail(start, "empty wildcard name")
	case !validName(name):
		return segment{}, fail(start, "bad wildcard name %q: use letters, digits and '_', not starting with a digit", name)
	case kind == segCatchAll && !last:
		return segment{}, fail(start, "catch-all {%s...} must be the last segment", name)
	}
	for _, s := range earlier {
		if s.kind != segStatic && s.text == name {
			return segment{}, fail(start, "duplicate wildcard name %q", name)
		}
	}
	return segment{kind: kind, text: name}, nil
}

// validName reports whether s can name a wildcard: a Go identifier, as in
// [http.ServeMux] patterns.
func validName(s string) bool {
	for i, c := range s {
		if !unicode.IsLetter(c) && c != '_' && (i == 0 || !unicode.IsDigit(c)) {
			return false
		}
	}
	return s != ""
}
