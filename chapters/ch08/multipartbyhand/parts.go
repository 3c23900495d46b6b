// Package multipartbyhand reads a multipart/form-data body by hand, the
// whole of it in memory, to see what a multipart parser has to do.
// Lesson 8.6 writes it; velocy/upload then uses mime/multipart, which does
// the same while the bytes arrive.
package multipartbyhand

import (
	"bytes"
	"errors"
	"fmt"
	"net/textproto"
)

// A Part is one part of a multipart body.
type Part struct {
	// Header holds the part's header fields, under their canonical names
	// ("Content-Disposition"), values without the spaces around them.
	Header map[string]string
	// Body is every byte between the blank line after the header and the
	// CRLF before the next delimiter.
	Body []byte
}

// ReadParts splits body, a whole multipart body whose parts are separated by
// boundary (the parameter of its Content-Type), into its parts.
//
// A delimiter is "--" and the boundary at the start of a line, followed by
// CRLF (another part follows) or by "--" (the last one). What comes before
// the first delimiter (the preamble) and after the last (the epilogue) is
// ignored. ReadParts returns an error for a body without a first or a last
// delimiter, and for a header line without a colon.
func ReadParts(body []byte, boundary string) ([]Part, error) {
	delim := []byte("--" + boundary)
	rest, ok := body, false
	// The first delimiter starts the body or a line of the preamble.
	if bytes.HasPrefix(body, delim) {
		rest, ok = body[len(delim):], true
	} else if i := indexDelim(body, delim); i >= 0 {
		rest, ok = body[i+2+len(delim):], true
	}
	if !ok {
		return nil, errors.New("multipartbyhand: no delimiter --" + boundary)
	}
	var parts []Part
	for {
		switch {
		case bytes.HasPrefix(rest, []byte("--")):
			return parts, nil // the last delimiter: the rest is the epilogue
		case bytes.HasPrefix(rest, []byte("\r\n")):
			rest = rest[2:]
		default:
			return nil, fmt.Errorf("multipartbyhand: part %d: delimiter followed by %.10q, want CRLF or --", len(parts)+1, rest)
		}
		p := Part{Header: map[string]string{}}
		// The header ends at the first empty line; it may have no field.
		var head []byte
		if after, ok := bytes.CutPrefix(rest, []byte("\r\n")); ok {
			rest = after
		} else if head, rest, ok = bytes.Cut(rest, []byte("\r\n\r\n")); !ok {
			return nil, fmt.Errorf("multipartbyhand: part %d: header without an end", len(parts)+1)
		}
		for line := range bytes.SplitSeq(head, []byte("\r\n")) {
			if len(line) == 0 {
				continue
			}
			name, value, ok := bytes.Cut(line, []byte(":"))
			if !ok {
				return nil, fmt.Errorf("multipartbyhand: part %d: header line %q has no colon", len(parts)+1, line)
			}
			key := textproto.CanonicalMIMEHeaderKey(string(bytes.TrimSpace(name)))
			p.Header[key] = string(bytes.TrimSpace(value))
		}
		end := indexDelim(rest, delim)
		if end < 0 {
			return nil, fmt.Errorf("multipartbyhand: part %d: no delimiter after its body", len(parts)+1)
		}
		p.Body = rest[:end]
		parts = append(parts, p)
		rest = rest[end+2+len(delim):]
	}
}

// indexDelim returns the index of the first CRLF in b that starts a
// delimiter: CRLF, delim, then "--" or CRLF. A body may hold the boundary
// followed by anything else ("--" + boundary + "x"): that is no delimiter.
func indexDelim(b, delim []byte) int {
	crlfDelim := append([]byte("\r\n"), delim...)
	for from := 0; ; {
		i := bytes.Index(b[from:], crlfDelim)
		if i < 0 {
			return -1
		}
		i += from
		after := b[i+len(crlfDelim):]
		if bytes.HasPrefix(after, []byte("--")) || bytes.HasPrefix(after, []byte("\r\n")) {
			return i
		}
		from = i + 1
	}
}
