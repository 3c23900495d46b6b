package db

// Get returns a copy of the document stored under id, or [ErrNotFound].
// The record's CRC is checked on every read.
func (db *DB) Get(id string) ([]byte, error) {
	// TODO(10.05): AppendGet to a nil buffer.
	return nil, ErrNotFound
}

// AppendGet appends the document stored under id to dst and returns the
// extended slice, or dst and [ErrNotFound]. It allocates only when dst
// lacks the capacity for the whole record (header, id and document), so a
// caller that reuses its buffer reads with no allocation at all.
func (db *DB) AppendGet(dst []byte, id string) ([]byte, error) {
	// TODO(10.05): look id up in its shard, under the shard's read lock,
	// and read its record with readDoc.
	return dst, ErrNotFound
}

// readDoc reads the record at l into dst's spare capacity, checks it, and
// moves its document to dst's end. The caller holds a shard lock shared
// and has seen db.closed false.
func (db *DB) readDoc(dst []byte, id string, l loc) ([]byte, error) {
	// TODO(10.05): copy the record out of the mapping, or ReadAt it into
	// dst's spare capacity; check it; leave only the document in dst.
	return dst, nil
}

// checkRecord decodes the record at l, read into b, and checks that it is
// a put of id, as the index says.
func checkRecord(seg *segment, id string, l loc, b []byte) (record, error) {
	// TODO(10.05): decodeRecord, and check it is a put of id.
	return record{}, nil
}

// Len returns the number of documents. While writes go on, it counts the
// shards of the index one after another, not at one instant.
func (db *DB) Len() int {
	// TODO(10.05): add up the shards' sizes.
	return 0
}

// Range calls fn for every document whose id is at least from, in id
// order (byte-wise, as strings compare), until fn returns false. It sees
// the database as it was when Range began: writes made meanwhile,
// including by fn, are not visited (the log is append-only, so the old
// records stay readable). doc is valid only during the call to fn.
func (db *DB) Range(from string, fn func(id string, doc []byte) bool) error {
	// TODO(10.05): collect the ids at least from, and where their records
	// are, under every shard's read lock at once; sort; read and visit.
	return nil
}
