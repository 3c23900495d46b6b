package db

import (
	"fmt"
	"slices"
)

// Get returns a copy of the document stored under id, or [ErrNotFound].
// The record's CRC is checked on every read.
func (db *DB) Get(id string) ([]byte, error) {
	doc, err := db.AppendGet(nil, id)
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// AppendGet appends the document stored under id to dst and returns the
// extended slice, or dst and [ErrNotFound]. It allocates only when dst
// lacks the capacity for the whole record (header, id and document), so a
// caller that reuses its buffer reads with no allocation at all.
func (db *DB) AppendGet(dst []byte, id string) ([]byte, error) {
	sh := db.shard(id)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	if db.closed.Load() {
		return dst, ErrClosed
	}
	l, ok := sh.m[id]
	if !ok {
		return dst, ErrNotFound
	}
	return db.readDoc(dst, id, l)
}

// readDoc reads the record at l into dst's spare capacity, checks it, and
// moves its document to dst's end. The caller keeps l.seg open: it holds
// a shard lock shared and has seen db.closed false, or holds the segment
// (acquireSegments).
func (db *DB) readDoc(dst []byte, id string, l loc) ([]byte, error) {
	seg := l.seg
	if end := l.off + int64(l.n); end <= int64(len(seg.mm)) {
		r, err := checkRecord(seg, id, l, seg.mm[l.off:end])
		if err != nil {
			return dst, err
		}
		return append(dst, r.doc...), nil
	}
	start := len(dst)
	buf := slices.Grow(dst, int(l.n))[:start+int(l.n)]
	if _, err := seg.f.ReadAt(buf[start:], l.off); err != nil {
		return dst, fmt.Errorf("db: read %q from %s at offset %d: %w", id, seg.path, l.off, err)
	}
	r, err := checkRecord(seg, id, l, buf[start:])
	if err != nil {
		return dst, err
	}
	n := copy(buf[start:], r.doc)
	return buf[:start+n], nil
}

// checkRecord decodes the record at l, read into b, and checks that it is
// a put of id, as the index says.
func checkRecord(seg *segment, id string, l loc, b []byte) (record, error) {
	r, _, err := decodeRecord(b)
	if err != nil {
		return record{}, &CorruptError{Segment: seg.path, Offset: l.off, Err: err}
	}
	if string(r.id) != id || r.kind != kindPut {
		return record{}, &CorruptError{Segment: seg.path, Offset: l.off, Err: fmt.Errorf("index points to a record for %q, want a put of %q", r.id, id)}
	}
	return r, nil
}

// Len returns the number of documents. While writes go on, it counts the
// shards of the index one after another, not at one instant.
func (db *DB) Len() int {
	n := 0
	for i := range db.shards {
		sh := &db.shards[i]
		sh.mu.RLock()
		n += len(sh.m)
		sh.mu.RUnlock()
	}
	return n
}

// Range calls fn for every document whose id is at least from, in id
// order (byte-wise, as strings compare), until fn returns false. It sees
// the database as it was when Range began: writes made meanwhile,
// including by fn, are not visited (the log is append-only, so the old
// records stay readable, and Range holds their segments so that a
// compaction does not close them). doc is valid only during the call to
// fn.
func (db *DB) Range(from string, fn func(id string, doc []byte) bool) error {
	entries, segs, err := db.capture(from)
	if err != nil {
		return err
	}
	defer db.releaseSegments(segs)
	var buf []byte
	for _, e := range entries {
		if db.closed.Load() {
			return ErrClosed
		}
		var err error
		if buf, err = db.readDoc(buf[:0], e.id, e.l); err != nil {
			return err
		}
		if !fn(e.id, buf) {
			return nil
		}
	}
	return nil
}
