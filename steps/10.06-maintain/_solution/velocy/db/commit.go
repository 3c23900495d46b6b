package db

import (
	"encoding/json"
	"fmt"
)

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

	keys []string // secondary index keys, one per index (index.go)
}

// maxSpareBuf is the largest batch buffer kept for the next batch.
const maxSpareBuf = 4 << 20

// Put stores doc, which must be valid JSON, under id, replacing any
// document the id had. It returns when the record is durable (see the
// package documentation); doc is copied and may be reused at once. The id
// must be 1 to [MaxIDLen] bytes, the document at most [MaxDocLen].
func (db *DB) Put(id string, doc []byte) error {
	if err := checkID(id); err != nil {
		return fmt.Errorf("db: put: %w", err)
	}
	if len(doc) > MaxDocLen {
		return fmt.Errorf("db: put %q: document of %d bytes is larger than MaxDocLen (%d)", id, len(doc), MaxDocLen)
	}
	if !json.Valid(doc) {
		return fmt.Errorf("db: put %q: document is not valid JSON", id)
	}
	return db.write(kindPut, id, doc)
}

// Delete removes id. It returns when the delete is durable. Deleting an id
// the database does not hold is not an error (it writes a record all the
// same, so that Delete needs no read first).
func (db *DB) Delete(id string) error {
	if err := checkID(id); err != nil {
		return fmt.Errorf("db: delete: %w", err)
	}
	return db.write(kindDelete, id, nil)
}

// checkID checks an id's length against what a record can hold.
func checkID(id string) error {
	if id == "" {
		return fmt.Errorf("empty id")
	}
	if len(id) > MaxIDLen {
		return fmt.Errorf("id of %d bytes is longer than MaxIDLen (%d)", len(id), MaxIDLen)
	}
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
	keys := db.indexKeys(kind, doc) // secondary indexes (index.go)
	db.qmu.Lock()
	if db.closing {
		db.qmu.Unlock()
		return ErrClosed
	}
	if db.writeErr != nil {
		err := db.writeErr
		db.qmu.Unlock()
		return fmt.Errorf("db: refusing writes after a failed sync (reopen the database to recover): %w", err)
	}
	if err := db.claimUnique(id, keys); err != nil { // unique indexes (unique.go)
		db.qmu.Unlock()
		return err
	}
	b := db.cur
	off := len(b.buf)
	b.buf = appendRecord(b.buf, kind, id, doc)
	b.ops = append(b.ops, op{kind: kind, id: id, off: off, n: len(b.buf) - off, keys: keys})
	for !b.done && db.committing {
		db.qdone.Wait()
	}
	if b.done { // another writer led the commit of b
		err := b.err
		db.qmu.Unlock()
		return err
	}
	// Lead: b is still the current batch (a batch is only ever taken
	// whole), with every write queued since.
	db.committing = true
	db.cur = &batch{buf: db.spareBuf[:0], ops: db.spareOps[:0]}
	db.spareBuf, db.spareOps = nil, nil
	db.qmu.Unlock()

	err := db.commit(b)

	db.qmu.Lock()
	b.err, b.done = err, true
	db.committing = false
	db.releaseClaims(b.ops)        // unique indexes (unique.go)
	clear(b.ops)                   // let go of the ids
	if cap(b.buf) <= maxSpareBuf { // one huge batch should not pin its memory
		db.spareBuf = b.buf
	}
	db.spareOps = b.ops
	b.buf, b.ops = nil, nil
	db.qdone.Broadcast()
	db.qmu.Unlock()
	return err
}

// commit writes batch b at the end of the active segment, syncs it, and
// then publishes its writes in the index. A failed write is cut off the
// file again, so the database stays as it was; a failed sync sets
// db.writeErr.
func (db *DB) commit(b *batch) error {
	db.qmu.Lock()
	failed := db.writeErr
	db.qmu.Unlock()
	if failed != nil { // queued before the failure: the file is suspect now
		return fmt.Errorf("db: refusing writes after a failed sync (reopen the database to recover): %w", failed)
	}
	segs := db.segments()
	seg := segs[len(segs)-1]
	if seg.size > 0 && seg.size+int64(len(b.buf)) > db.opts.segmentSize() {
		if err := db.addSegment(seg.num + 1); err != nil {
			return err
		}
		segs = db.segments()
		seg = segs[len(segs)-1]
	}
	if _, err := seg.f.WriteAt(b.buf, seg.size); err != nil {
		// Part of the batch may be in the file: cut it off, and sync the
		// cut, so that no record of this batch (whose writers are told it
		// failed) comes back, not even after a crash.
		terr := seg.f.Truncate(seg.size)
		if terr == nil && !db.opts.NoSync {
			terr = datasync(seg.f)
		}
		if terr != nil {
			db.fail(terr)
			return fmt.Errorf("db: write %s: %w (and cutting the partial write off failed: %v)", seg.path, err, terr)
		}
		return fmt.Errorf("db: write %s: %w", seg.path, err)
	}
	if db.testBeforeSync != nil {
		db.testBeforeSync(len(b.ops))
	}
	if !db.opts.NoSync {
		sync := datasync
		if db.testSync != nil {
			sync = db.testSync
		}
		if err := sync(seg.f); err != nil {
			db.fail(err)
			return fmt.Errorf("db: sync %s: %w", seg.path, err)
		}
	}
	// Each write is published on its own: they are independent, and none
	// of their writers has been answered yet.
	segIdx := uint32(len(segs) - 1)
	for _, o := range b.ops {
		sh := db.shard(o.id)
		sh.mu.Lock()
		apply(sh, o.kind, o.id, loc{seg: segIdx, off: seg.size + int64(o.off), n: uint32(o.n)})
		sh.mu.Unlock()
	}
	db.publishIndexes(b.ops) // secondary indexes (index.go)
	seg.size += int64(len(b.buf))
	return nil
}

// fail puts the database in the state where it refuses writes: after a
// failed sync the kernel may have dropped the pages it could not write,
// and only recovery can tell what is on disk.
func (db *DB) fail(err error) {
	db.qmu.Lock()
	if db.writeErr == nil {
		db.writeErr = err
	}
	db.qmu.Unlock()
}
