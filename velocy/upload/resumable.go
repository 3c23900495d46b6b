package upload

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
)

// A multipart upload that breaks at 900 MB of 1 GB starts again from 0.
// A resumable upload does not: the client first creates the upload and
// gets its address, then sends the bytes with PATCH requests that say
// where they start (Upload-Offset); after a break it asks with HEAD how
// far the server got and sends the rest from there. That is the core of
// the tus protocol (tus.io, version 1.0.0, with its creation extension),
// which Resumable serves:
//
//	POST  /             Upload-Length: 1000000000        -> 201, Location: /files/<id>
//	PATCH /<id>         Upload-Offset: 0, 400 MB body     -> the connection breaks
//	HEAD  /<id>                                          -> 200, Upload-Offset: 398458880
//	PATCH /<id>         Upload-Offset: 398458880, the rest -> 204, Upload-Offset: 1000000000
//
// The bytes that arrived before a break are kept, which is the point; a
// PATCH whose offset is not the server's is refused (409), so no byte is
// written twice or skipped. Until the last byte, the upload is a dotfile
// (".tus-<id>.part", with its length in ".tus-<id>.length"); complete, it
// is renamed to <id>.

// TusVersion is the version of the tus protocol Resumable speaks.
const TusVersion = "1.0.0"

// Resumable is an http.Handler for tus-style resumable uploads into Root.
// Mount it under a prefix with http.StripPrefix (the Location of a new
// upload is built from the request's original RequestURI). Unlike [Save],
// it does not sniff types: the content is known only when complete, when
// OnComplete can check it.
type Resumable struct {
	Root *os.Root
	// MaxBytes bounds Upload-Length; 0 means DefaultMaxBodyBytes.
	MaxBytes int64
	// OnComplete, if set, is called with the final name of an upload
	// when its last byte has arrived, before the answer to that PATCH.
	OnComplete func(name string, size int64)

	mu   sync.Mutex
	busy map[string]bool // uploads a request is working on
}

// ServeHTTP answers OPTIONS (what the server supports), POST / (create an
// upload: 201 with its Location), HEAD /<id> (how far it got) and PATCH
// /<id> (append from Upload-Offset). Every request but OPTIONS must say
// "Tus-Resumable: 1.0.0" (412 otherwise); one request at a time may work
// on an upload (409 for a second).
func (rs *Resumable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Tus-Resumable", TusVersion)
	if r.Method == http.MethodOptions {
		h.Set("Tus-Version", TusVersion)
		h.Set("Tus-Extension", "creation")
		h.Set("Tus-Max-Size", strconv.FormatInt(rs.max(), 10))
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if v := r.Header.Get("Tus-Resumable"); v != TusVersion {
		h.Set("Tus-Version", TusVersion)
		http.Error(w, "Tus-Resumable must be "+TusVersion, http.StatusPreconditionFailed)
		return
	}
	id := strings.TrimPrefix(r.URL.Path, "/")
	switch {
	case id == "" && r.Method == http.MethodPost:
		rs.create(w, r)
	case id == "":
		h.Set("Allow", "OPTIONS, POST")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
	case !validID(id):
		http.Error(w, "404 page not found", http.StatusNotFound)
	case r.Method == http.MethodHead || r.Method == http.MethodPatch:
		if !rs.lock(id) {
			http.Error(w, "another request is writing this upload", http.StatusConflict)
			return
		}
		defer rs.unlock(id)
		if r.Method == http.MethodHead {
			rs.head(w, id)
		} else {
			rs.patch(w, r, id)
		}
	default:
		h.Set("Allow", "OPTIONS, HEAD, PATCH")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
	}
}

func (rs *Resumable) max() int64 {
	if rs.MaxBytes == 0 {
		return DefaultMaxBodyBytes
	}
	return rs.MaxBytes
}

// validID reports whether id is a name create made: 32 hexadecimal digits,
// so that no path can be smuggled in.
func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	return strings.Trim(id, "0123456789abcdef") == ""
}

func partName(id string) string   { return ".tus-" + id + ".part" }
func lengthName(id string) string { return ".tus-" + id + ".length" }

// create makes an empty upload of the announced length.
func (rs *Resumable) create(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseInt(r.Header.Get("Upload-Length"), 10, 64)
	switch {
	case err != nil || n < 0:
		http.Error(w, "Upload-Length must be a number of bytes", http.StatusBadRequest)
		return
	case n > rs.max():
		http.Error(w, "Upload-Length larger than "+strconv.FormatInt(rs.max(), 10), http.StatusRequestEntityTooLarge)
		return
	}
	id := randomName()
	if err := rs.Root.WriteFile(lengthName(id), []byte(strconv.FormatInt(n, 10)), 0o600); err != nil {
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	if err := rs.Root.WriteFile(partName(id), nil, 0o600); err != nil {
		rs.Root.Remove(lengthName(id))
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	if n == 0 { // nothing to wait for
		if err := rs.complete(id, 0); err != nil {
			http.Error(w, "500 internal server error", http.StatusInternalServerError)
			return
		}
	}
	// The Location is the request's own path (before any prefix was cut)
	// and the id.
	base := "/"
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
		base = u.EscapedPath()
	}
	w.Header().Set("Location", path.Join(base, id))
	w.WriteHeader(http.StatusCreated)
}

// state returns how far the upload id has got and its length.
func (rs *Resumable) state(id string) (offset, length int64, err error) {
	b, err := rs.Root.ReadFile(lengthName(id))
	if err != nil {
		return 0, 0, err
	}
	if length, err = strconv.ParseInt(string(b), 10, 64); err != nil {
		return 0, 0, err
	}
	fi, err := rs.Root.Stat(partName(id))
	if err != nil {
		return 0, 0, err
	}
	return fi.Size(), length, nil
}

func (rs *Resumable) head(w http.ResponseWriter, id string) {
	offset, length, err := rs.state(id)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Upload-Offset", strconv.FormatInt(offset, 10))
	h.Set("Upload-Length", strconv.FormatInt(length, 10))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}

// patch appends the body to the upload, from the offset the client names,
// which must be where the upload stands. The bytes that arrive are kept
// even when the body breaks off: the client resumes from there.
func (rs *Resumable) patch(w http.ResponseWriter, r *http.Request, id string) {
	if r.Header.Get("Content-Type") != "application/offset+octet-stream" {
		http.Error(w, "Content-Type must be application/offset+octet-stream", http.StatusUnsupportedMediaType)
		return
	}
	offset, length, err := rs.state(id)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	if claimed, err := strconv.ParseInt(r.Header.Get("Upload-Offset"), 10, 64); err != nil || claimed != offset {
		w.Header().Set("Upload-Offset", strconv.FormatInt(offset, 10))
		http.Error(w, "Upload-Offset must be "+strconv.FormatInt(offset, 10), http.StatusConflict)
		return
	}
	if r.ContentLength > length-offset {
		http.Error(w, "body longer than the rest of the upload", http.StatusRequestEntityTooLarge)
		return
	}
	f, err := rs.Root.OpenFile(partName(id), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	// One byte more than the rest tells a body that is too long.
	rest := length - offset
	n, copyErr := io.Copy(f, io.LimitReader(r.Body, rest+1))
	if n > rest {
		// Too long: the whole PATCH is refused, and its bytes removed.
		f.Truncate(offset)
		f.Close()
		w.Header().Set("Upload-Offset", strconv.FormatInt(offset, 10))
		http.Error(w, "body longer than the rest of the upload", http.StatusRequestEntityTooLarge)
		return
	}
	closeErr := f.Close()
	offset += n
	w.Header().Set("Upload-Offset", strconv.FormatInt(offset, 10))
	if copyErr != nil || closeErr != nil {
		// The client went away, or the disk failed: what was written
		// stays, and HEAD says how much.
		http.Error(w, "the upload stopped at "+strconv.FormatInt(offset, 10), http.StatusInternalServerError)
		return
	}
	if offset == length {
		if err := rs.complete(id, length); err != nil {
			http.Error(w, "500 internal server error", http.StatusInternalServerError)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// complete renames the upload id to its final name and calls OnComplete.
func (rs *Resumable) complete(id string, size int64) error {
	if err := rs.Root.Rename(partName(id), id); err != nil {
		return err
	}
	rs.Root.Remove(lengthName(id))
	if rs.OnComplete != nil {
		rs.OnComplete(id, size)
	}
	return nil
}

// lock marks the upload id busy, or reports that another request has it.
func (rs *Resumable) lock(id string) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.busy[id] {
		return false
	}
	if rs.busy == nil {
		rs.busy = map[string]bool{}
	}
	rs.busy[id] = true
	return true
}

func (rs *Resumable) unlock(id string) {
	rs.mu.Lock()
	delete(rs.busy, id)
	rs.mu.Unlock()
}
