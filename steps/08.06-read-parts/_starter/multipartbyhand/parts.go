// Package multipartbyhand reads a multipart/form-data body by hand, the
// whole of it in memory, to see what a multipart parser has to do.
// Lesson 8.6 writes it; velocy/upload then uses mime/multipart, which does
// the same while the bytes arrive.
package multipartbyhand

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
	// TODO(08.06-read-parts): find the first delimiter, then, part after
	// part: CRLF or "--" after the delimiter, the header lines up to the
	// empty line, the body up to CRLF and the next delimiter.
	return nil, nil
}
