package db

// batch is the group of writes committed by one write and one sync. While
// it is DB.cur, writers append their records to buf and their index
// changes to ops (under DB.qmu); then a leader takes it whole, and when it
// is durable sets err and done (under DB.qmu) and wakes its writers.
type batch struct {
	buf  []byte
	ops  []op
	done bool
	err  error
}

// op is one write of a batch: its kind, id, and where its record is in
// batch.buf.
type op struct {
	kind byte
	id   string
	off  int
	n    int
}

// maxSpareBuf is the largest batch buffer kept for the next batch.
const maxSpareBuf = 4 << 20

// Put stores doc, which must be valid JSON, under id, replacing any
// document the id had. It returns when the record is durable (see the
// package documentation); doc is copied and may be reused at once. The id
// must be 1 to [MaxIDLen] bytes, the document at most [MaxDocLen].
func (db *DB) Put(id string, doc []byte) error {
	// TODO(10.05): check the id (checkID), the document's size and that it
	// is valid JSON, then write a put record.
	return nil
}

// Delete removes id. It returns when the delete is durable. Deleting an id
// the database does not hold is not an error (it writes a record all the
// same, so that Delete needs no read first).
func (db *DB) Delete(id string) error {
	// TODO(10.05): check the id, then write a delete record.
	return nil
}

// checkID checks an id's length against what a record can hold.
func checkID(id string) error {
	// TODO(10.05): refuse an empty id and one longer than MaxIDLen.
	return nil
}

// write queues a record in the current batch and waits until the batch
// is durable. Group commit without a timer or a goroutine: if no commit is
// running, the writer leads one at once, for its own batch; otherwise it
// waits, and when the running commit ends the first writer of the next
// batch to wake leads it, for everyone who queued meanwhile. A writer
// alone never waits for company, and never hands its write to another
// goroutine.
func (db *DB) write(kind byte, id string, doc []byte) error {
	// TODO(10.05): encode the record into a batch and commit it.
	return nil
}

// commit writes batch b at the end of the active segment, syncs it, and
// then publishes its writes in the index. A failed write is cut off the
// file again, so the database stays as it was; a failed sync sets
// db.writeErr.
func (db *DB) commit(b *batch) error {
	// TODO(10.05): write b.buf at the end of the active segment (start a
	// new one past Options.SegmentSize), sync it, publish its writes.
	return nil
}

// fail puts the database in the state where it refuses writes: after a
// failed sync the kernel may have dropped the pages it could not write,
// and only recovery can tell what is on disk.
func (db *DB) fail(err error) {
	// TODO(10.05): remember the first failure in db.writeErr.
}
