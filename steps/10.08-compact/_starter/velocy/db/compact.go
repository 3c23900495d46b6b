package db

import "context"

// CompactStats reports what one [DB.Compact] did.
type CompactStats struct {
	Segments    int   // sealed segments replaced
	Records     int   // live records copied
	BytesBefore int64 // the size of the segments replaced
	BytesAfter  int64 // the size of the compacted segment
}

// live is one record compaction copies: its id, where it was, and where
// it is in the compacted segment.
type live struct {
	id  string
	old loc
	off int64
}

// Compact reclaims the space of records that are no longer the latest of
// their id. It rewrites the live records of every sealed segment (all but
// the active one) into one new segment, switches to it, and removes the
// old files; writes and reads go on meanwhile, and a write that races the
// copy wins.
func (db *DB) Compact(ctx context.Context) (CompactStats, error) {
	// TODO(10.08-compact): collect the live records of the sealed
	// segments, write them to <first>.log.compact and sync it (call
	// db.compactStep("written") before the sync, "synced" after), rename
	// it over the first sealed segment ("renamed"), sync the directory,
	// switch the index to the new segment, and remove the other old files.
	return CompactStats{}, nil
}

// compactStep runs the test hook for a step of Compact, if there is one.
func (db *DB) compactStep(step string) error {
	if db.testCompactStep == nil {
		return nil
	}
	return db.testCompactStep(step)
}
