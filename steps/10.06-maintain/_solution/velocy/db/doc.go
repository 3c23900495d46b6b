// Package db is velocy's embedded database: documents (JSON) keyed by a
// string id, kept in an append-only log that survives a crash.
//
// # Storage
//
// The database is a directory. It holds a LOCK file (so that two processes
// never open it at once) and segment files named 00000001.log,
// 00000002.log and so on, which sort in the order they were written. A
// segment is a sequence of records, each a fixed 12-byte header followed
// by the id and the document:
//
//	offset size field
//	0      4    CRC-32C (Castagnoli) of bytes 4.. of the header, the id and the document
//	4      4    document length (little endian; 0 for a delete)
//	8      2    id length (1..65535)
//	10     1    kind: 1 put, 2 delete
//	11     1    reserved, always 0
//	12     ...  id, then document
//
// Nothing is ever overwritten: a Put appends a put record, a Delete
// appends a delete record, and the latest record for an id wins. When the
// active segment passes [Options.SegmentSize] a new one is started.
// Reclaiming the space of old records (compaction) is not done yet.
//
// # Durability
//
// [DB.Put] and [DB.Delete] return only when their record is durable: it
// has been written and the file synced (fdatasync on Linux, fsync
// elsewhere), and the directory has been synced if the record started a
// new segment. Writers that arrive while a sync is running queue up, and
// when that sync ends one of them (the leader) writes and syncs all of
// them at once (group commit). There is no timer and no commit goroutine:
// a writer alone writes and syncs its record itself, never waiting for
// company. [Options.NoSync] skips the sync:
// a record then survives the process dying but not the machine.
//
// A write that fails (a full disk, for example) is not acknowledged: its
// bytes are cut from the file again and the error is returned to every
// writer of that batch. A failed sync cannot be taken back (the kernel may
// have dropped the dirty pages), so after one the database refuses writes
// until it is reopened, and recovery decides what survived.
//
// # Recovery
//
// [Open] reads every segment, checks every record's CRC and rebuilds the
// in-memory index (id to segment, offset and length). A torn tail (the
// last record of the last segment cut short, or failing its CRC and
// followed by nothing valid) is what a crash in the middle of a write
// leaves; it was never acknowledged, so Open cuts it off and reports the
// number of bytes in [DB.Recovery]. A bad record followed by a valid one
// is something else (a damaged disk, or an edit by hand): Open refuses
// with a [*CorruptError] that names the segment and offset, and skips
// nothing silently. One crash can look like this too: after a power loss
// a disk may have kept a later record of a batch that was never synced
// but not an earlier one. Open reports that as well rather than guess;
// none of those records had been acknowledged.
//
// # Reading
//
// [DB.Get] and [DB.AppendGet] look the id up in the index (no allocation),
// read the record and check its CRC before returning the document;
// AppendGet appends it to a buffer of the caller's, so a reader that
// reuses its buffer allocates nothing. On Linux, macOS and FreeBSD (64-bit)
// each segment is mapped read-only into memory, so a read is a copy out of
// the page cache with no system call; elsewhere, and for a record past the
// mapping, it is one ReadAt. The price of the mapping, as in bbolt and
// LMDB: a disk that fails while a page is read crashes the process
// (SIGBUS) instead of returning an error, and so does a segment cut short
// by another program while the database is open. Any number of readers run
// concurrently with each other and with the writers. [DB.Range] visits the
// documents in id order as they were when it started.
//
// # Indexes and queries
//
// [Options.Indexes] declares secondary indexes: for each, the documents
// ordered by the value of one field (a dotted path reaches into objects),
// kept in memory, built on Open by replaying the log and kept up to date
// by every write. Values are ordered by type first, null < false < true <
// numbers < strings, then by value (see [ParseQuery]). A unique index
// refuses a Put that would give a second id its value, checked where
// writes queue up, so two racing Puts cannot both pass. [DB.Find] runs a
// [Query] (conditions joined by AND, an order, a limit and an offset) by
// the plan [DB.Explain] shows: the narrowest index range, or a full scan
// when no index helps, with every fetched document checked against the
// whole query.
package db
