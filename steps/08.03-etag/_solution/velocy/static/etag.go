package static

import (
	"io"
	"io/fs"
	"strconv"
)

// An ETag names one version of one representation of a resource, so that
// a client can ask "has it changed?" (If-None-Match: 304) and "is it still
// the one I have half of?" (If-Range). A strong ETag promises that equal
// tags mean equal bytes, which ranges need.
//
// Reading a whole file to hash it on every request would cost more than
// sending it, so the tag is made from the size and the time, as nginx and
// Apache do: "<size>-<mtime>" in hex, with the time in nanoseconds. Two
// versions of a file with the same size written within the same nanosecond
// would share a tag; that is the price of not reading the file, and the
// usual one.

// etag returns the strong ETag of the file name, whose info is fi and
// whose content f is (read and rewound only when a hash is needed).
func (h *Handler) etag(name string, f io.ReadSeeker, fi fs.FileInfo) (string, error) {
	b := make([]byte, 0, 40)
	b = append(b, '"')
	b = strconv.AppendUint(b, uint64(fi.Size()), 16)
	b = append(b, '-')
	b = strconv.AppendUint(b, uint64(fi.ModTime().UnixNano()), 16)
	b = append(b, '"')
	return string(b), nil
}
