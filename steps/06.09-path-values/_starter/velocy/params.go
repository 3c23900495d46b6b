package velocy

import "net/http"

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
	// TODO(06.09-path-values): one param per segment that is not static.
	return nil
}

// setPathValues stores the value of each of rt's wildcards in req, for
// [http.Request.PathValue]. path is the request path without its leading '/',
// and it must be one that rt matches.
func (rt *route) setPathValues(req *http.Request, path string) {
	// TODO(06.09-path-values): for each of rt's params (you will add a params
	// field to route), find its segment in path and req.SetPathValue(name, value).
}
