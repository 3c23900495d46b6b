package static

import (
	"crypto/sha256"
	"encoding/base64"
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
// sending it, so for files with a modification time the tag is made from
// the size and the time, as nginx and Apache do: "<size>-<mtime>" in hex,
// with the time in nanoseconds. Two versions of a file with the same size
// written within the same nanosecond would share a tag; that is the price
// of not reading the file, and the usual one.
//
// An embed.FS has no modification times (they are zero), and neither may
// other fs.FS implementations. For those the tag is a SHA-256 of the
// content, computed on first use and remembered by name and size: such a
// file system is assumed not to change while it is served, which is true
// of embed.FS, whose files are part of the program.

// etag returns the strong ETag of the file name, whose info is fi and
// whose content f is (read and rewound only when a hash is needed).
func (h *Handler) etag(name string, f io.ReadSeeker, fi fs.FileInfo) (string, error) {
	if mt := fi.ModTime(); !mt.IsZero() {
		b := make([]byte, 0, 40)
		b = append(b, '"')
		b = strconv.AppendUint(b, uint64(fi.Size()), 16)
		b = append(b, '-')
		b = strconv.AppendUint(b, uint64(mt.UnixNano()), 16)
		b = append(b, '"')
		return string(b), nil
	}
	type key struct {
		name string
		size int64
	}
	k := key{name, fi.Size()}
	if tag, ok := h.hashes.Load(k); ok {
		return tag.(string), nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag := `"` + base64.RawURLEncoding.EncodeToString(sum.Sum(nil)[:18]) + `"`
	h.hashes.Store(k, tag)
	return tag, nil
}

// variantTag returns the ETag of an encoded variant (its own tag, with the
// encoding added), so that a cache never takes the gzip bytes for the
// identity ones: RFC 9110 requires the tags of different representations
// to differ.
func variantTag(tag, encoding string) string {
	return tag[:len(tag)-1] + "-" + encoding + `"`
}
