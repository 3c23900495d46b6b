package velocy

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
	// TODO(06.04-segments): refuse a pattern that does not begin with '/'
	// (with a hint when it starts with a method, like "GET /users"), then cut
	// it at each '/' and refuse an empty segment (except the last one: a
	// trailing slash), control characters, spaces, '?', '#', and the dot
	// segments "." and "..". Every problem is a *PatternError with the
	// offset of the bad byte in the pattern.
	return nil, nil
}
