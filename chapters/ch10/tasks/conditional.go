package main

import (
	"net/http"
	"strconv"
	"strings"
)

// etag returns the entity tag of a task's current version: its revision,
// quoted. Ids are never reused, so a task's id and revision name one
// version for ever.
func etag(t Task) string {
	return `"` + strconv.FormatInt(t.Rev, 10) + `"`
}

// ifMatch reports whether a write may go ahead: true when the request has
// no If-Match header, or when the header is "*" or lists t's ETag. Weak
// tags (W/"1") never match: If-Match compares strongly (RFC 9110, 13.1.1).
func ifMatch(r *http.Request, t Task) bool {
	values := r.Header.Values("If-Match")
	if len(values) == 0 {
		return true
	}
	return matchList(values, etag(t), false)
}

// ifNoneMatch reports whether a GET may answer 304 Not Modified: the
// If-None-Match header is "*" or lists t's ETag, weak or strong.
func ifNoneMatch(r *http.Request, t Task) bool {
	values := r.Header.Values("If-None-Match")
	return len(values) > 0 && matchList(values, etag(t), true)
}

// matchList reports whether the comma-separated lists of entity tags in
// values hold "*" or tag; weak tags count only when weak is true.
func matchList(values []string, tag string, weak bool) bool {
	for _, v := range values {
		for item := range strings.SplitSeq(v, ",") {
			item = strings.TrimSpace(item)
			if item == "*" {
				return true
			}
			if rest, ok := strings.CutPrefix(item, "W/"); ok {
				if !weak {
					continue
				}
				item = rest
			}
			if item == tag {
				return true
			}
		}
	}
	return false
}
