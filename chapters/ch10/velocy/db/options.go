package db

// Options configures [Open]. The zero value is a durable database with
// 64 MiB segments.
type Options struct {
	// NoSync makes Put and Delete return once the record is written to the
	// operating system, without waiting for the disk. Records then survive
	// the process dying (even by kill -9) but not a power loss or a kernel
	// crash. For caches and tests.
	NoSync bool

	// SegmentSize is the size past which the active segment is closed and
	// a new one started. 0 means 64 MiB. A record larger than it gets a
	// segment of its own.
	SegmentSize int64

	// Indexes declares secondary indexes (index.go), built on Open from
	// the log and kept up to date by every Put and Delete.
	Indexes []Index
}

// defaultSegmentSize is the segment size when Options.SegmentSize is 0.
const defaultSegmentSize = 64 << 20

func (o Options) segmentSize() int64 {
	if o.SegmentSize <= 0 {
		return defaultSegmentSize
	}
	return o.SegmentSize
}
