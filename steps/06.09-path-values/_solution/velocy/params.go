package velocy

import (
	"net/http"
	"strings"
)

// A route remembers where its wildcards sit in the path. For
// "/users/{id}/files/{path...}" that is id at segment 1 and path from
// segment 3 to the end. Once the tree has found the route, reading the values
// is a walk along the request path to those segments:
//
//	request /users/42/files/a/b.txt   segments: users | 42 | files | a/b.txt...
//	                                               id=42           path=a/b.txt
//
// So the tree needs no names (see tree.go), the search keeps no list of values
// while it backtracks, and two routes can name the same position differently.

// param is one wildcard of a route.
type param struct {
	name string
	seg  int  // index of the path segment that holds the value
	rest bool // a catch-all: the value runs from that segment to the end of the path
}

// paramsOf lists the wildcards of a parsed pattern with their positions.
func paramsOf(segs []segment) []param {
	var ps []param
	for i, s := range segs {
		if s.kind != segStatic {
			ps = append(ps, param{name: s.text, seg: i, rest: s.kind == segCatchAll})
		}
	}
	return ps
}

// setPathValues stores the value of each of rt's wildcards in req, for
// [http.Request.PathValue]. path is the request path without its leading '/',
// and it must be one that rt matches.
func (rt *route) setPathValues(req *http.Request, path string) {
	seg, start := 0, 0 // the current segment and where it starts in path
	for _, p := range rt.params {
		for ; seg < p.seg; start++ { // skip to the segment after the next '/'
			if path[start] == '/' {
				seg++
			}
		}
		value := path[start:]
		if !p.rest {
			if end := strings.IndexByte(value, '/'); end >= 0 {
				value = value[:end]
			}
		}
		req.SetPathValue(p.name, value)
	}
}
