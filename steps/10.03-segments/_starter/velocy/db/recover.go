package db

import "bufio"

// segmentName is the file name of segment number n: eight digits, so the
// names sort in the order the segments were written.
func segmentName(n int) string {
	// TODO(10.03): eight digits, then ".log".
	return ""
}

// listSegments returns the segment file names in dir, in order.
func listSegments(dir string) ([]string, error) {
	// TODO(10.03): read dir; keep the regular files named like segmentName
	// names them (eight digits, a number above 0, ".log"); sort them.
	return nil, nil
}

// recover reads every segment, replays its records into the index and
// cuts a torn tail off the last one. With no segment yet it creates the
// first.
func (db *DB) recover() error {
	// TODO(10.03): open every segment of db.dir (O_RDWR), in order, and
	// add it to db.segs; with none, create the first with addSegment.
	return nil
}

// replay applies the records of one segment to the index and returns the
// length of its valid prefix and of the file. It reads the segment
// sequentially, one record at a time, so memory is bounded by the largest
// record. An invalid record is a torn tail (and ends the valid prefix)
// only in the last segment and only if nothing valid follows it;
// otherwise it is a *CorruptError.
func (db *DB) replay(segIdx uint32, seg *segment, last bool, r *bufio.Reader, bufp *[]byte) (size, fileSize int64, err error) {
	// TODO(10.04): read the records one by one and apply them to the index.
	return 0, 0, nil
}

// validRecordAfter reports whether a valid record starts anywhere in data
// after offset off. It is how recovery tells a damaged record in the
// middle of the log (valid data follows) from a torn write at its end.
func validRecordAfter(data []byte, off int) bool {
	// TODO(10.04): try to decode a record at every offset after off.
	return false
}

// apply records in shard sh of the index that the latest record for id is
// at l. The caller holds sh.mu (or is Open, before anyone else can see db).
func apply(sh *indexShard, kind byte, id string, l loc) {
	// TODO(10.04): a put sets sh.m[id]; a delete removes id.
}

// addSegment creates segment number num, makes its directory entry
// durable and makes it the active segment. The caller is the commit
// goroutine (or Open).
func (db *DB) addSegment(num int) error {
	// TODO(10.03): create the file (O_EXCL), sync the directory, map the
	// file, and store a new segment list with the segment at its end.
	return nil
}
