package upload

import (
	"net/http"
	"strings"
)

// The Content-Type a client puts on a part, and the extension of its
// name, say what the client claims. What the bytes are is another matter:
// an "avatar.png" may be HTML with a script, which a browser would run if
// the file were ever served back with a type it sniffs. So Save sniffs the
// first 512 bytes itself, with http.DetectContentType (the algorithm of
// the WHATWG MIME Sniffing standard, as browsers do), and keeps the file
// only if what it finds is on an allow-list.

// DefaultAllowedTypes are the sniffed types Save keeps when
// [Options].AllowedTypes is nil: common images, PDF and plain text.
var DefaultAllowedTypes = []string{
	"image/png", "image/jpeg", "image/gif", "image/webp",
	"application/pdf", "text/plain",
}

// sniffLen is how many bytes http.DetectContentType looks at.
const sniffLen = 512

// sniff returns the media type of a file that starts with head, without
// parameters ("text/plain", not "text/plain; charset=utf-8").
func sniff(head []byte) string {
	t := http.DetectContentType(head)
	t, _, _ = strings.Cut(t, ";")
	return strings.TrimSpace(t)
}

// allowed reports whether the media type t matches an entry of list: the
// same type, "type/*" for any subtype, or "*/*" for anything.
func allowed(list []string, t string) bool {
	major, _, _ := strings.Cut(t, "/")
	for _, a := range list {
		if a == "*/*" || strings.EqualFold(a, t) {
			return true
		}
		if m, ok := strings.CutSuffix(a, "/*"); ok && strings.EqualFold(m, major) {
			return true
		}
	}
	return false
}
