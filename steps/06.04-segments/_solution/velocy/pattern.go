package velocy

import (
	"fmt"
	"strings"
)

// A pattern is parsed into segments, one per piece between slashes:
//
//	"/users/new"  =>  static "users", static "new"
//	"/users/"     =>  static "users", static ""
//	"/"           =>  static ""
//
// A trailing slash is an empty static segment, so "/users" and "/users/" are
// different routes. For now every segment is static; lesson 6.9 adds the
// two kinds of wildcards.

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
	text string // static: the literal; param and catch-all: the name
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
		seg, err := parseSegment(pattern[start:end], start, last, fail)
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
func parseSegment(text string, start int, last bool, fail func(int, string, ...any) error) (segment, error) {
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
	if text == "." || text == ".." {
		return segment{}, fail(start, "dot segment %q: clients resolve these before sending a path, so no request would match", text)
	}
	return segment{kind: segStatic, text: text}, nil
}
