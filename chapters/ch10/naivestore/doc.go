// Package naivestore is a key/value store kept in one JSON file: every
// change writes the whole map out again. Lessons 10.1 and 10.2 write it
// the way most programs first do, measure how that loses data, and fix
// it one way at a time:
//
//   - a save writes a temporary file next to the real one, syncs it,
//     renames it over the real one and syncs the directory, so that a
//     crash leaves the old file or the new one, never half of one, and
//     [Open] removes the temporary file of a save a crash interrupted;
//   - a file that is there but is not a store is refused with an error
//     that wraps [ErrCorrupt], instead of being taken for an empty store
//     and overwritten by the next save;
//   - one mutex serializes every change and its save, and [Store.Update]
//     reads, modifies and saves under it, so that no update is lost.
//
// It stays naive in what it costs: each change rewrites and syncs the
// whole file, so it suits a few thousand small values changed now and
// then (settings, a progress file), not a database. velocy/db is the
// store this chapter builds for that.
package naivestore
