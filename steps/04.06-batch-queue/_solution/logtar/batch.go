package logtar

import "time"

// In async mode the writer goroutine could write each record with a write
// system call of its own, as the synchronous mode must. Under load that is
// the most expensive thing a Logger does: a system call per record, and,
// worse for a busy server, a wake-up of the writer goroutine per record,
// each one a trip through the scheduler on a core the program's requests
// want.
//
// So the writer batches. When a record arrives at an idle writer, the
// writer waits batchDelay before it looks at the queue again; the records
// that arrive meanwhile find it asleep on a timer and go onto the channel
// without waking anyone. Then it takes everything queued, copies the
// records one after the other into one buffer, and writes that with one
// call (more than one only when a file must roll between two records, or
// the buffer reaches maxBatch). A server logging 50,000 requests a second
// makes about 50 write calls a second instead of 50,000.
//
// One exception: a burst. If records keep coming while the writer sleeps,
// the queue fills, and the next record would wait for room, up to
// batchDelay, with the writer asleep and the core idle (in drop mode it
// would be dropped). So a record that finds the queue half full or more
// wakes the writer (nudge, in async.go), as Sync does: the writer takes
// what is queued while the queue still has room for the rest of the burst.
//
// What that costs: a record reaches the file up to batchDelay later than it
// would have. Sync and Close do not wait for the delay (requestFlush and
// close wake the writer), and nothing else changes: the order, the queue's bound, what
// Sync and Close promise, and what a crash loses (what is queued; the delay
// only means that more records are still queued at any moment).
//
// A write that fails part-way through a batch loses the records it did not
// finish, and only those: the output knows where each record ends.

// batchDelay is how long the writer lets records gather before it writes.
const batchDelay = time.Millisecond

// maxBatch is the most bytes the writer gathers for one write call. A
// bigger record is written alone.
const maxBatch = 64 << 10

// batch is a run of encoded records, one after the other in buf.
type batch struct {
	buf   []byte
	ends  []int       // ends[i] is where record i ends in buf
	times []time.Time // times[i] is record i's time
}

// add appends a record with time t.
func (b *batch) add(t time.Time, line []byte) {
	b.buf = append(b.buf, line...)
	b.ends = append(b.ends, len(b.buf))
	b.times = append(b.times, t)
}

// start returns where record i begins in buf; start(len(b.ends)) is the
// end of the last record.
func (b *batch) start(i int) int {
	if i == 0 {
		return 0
	}
	return b.ends[i-1]
}

// size returns the length of record i.
func (b *batch) size(i int) int { return b.ends[i] - b.start(i) }

// whole returns how many of the records from the i-th on end within the
// first n bytes after the i-th's start.
func (b *batch) whole(i, n int) int {
	k := 0
	for i+k < len(b.ends) && b.ends[i+k]-b.start(i) <= n {
		k++
	}
	return k
}

// reset empties b, keeping its memory for the next batch.
func (b *batch) reset() {
	b.buf, b.ends, b.times = b.buf[:0], b.ends[:0], b.times[:0]
}

// batchOutput is an output that can write a batch with fewer write calls
// than records: writerOutput (below) and fileOutput (filebatch.go).
type batchOutput interface {
	// writeBatch writes b's records in order and returns how many were
	// lost, with the first error, when a write fails.
	writeBatch(b *batch) (lost int, err error)
}

// writeBatch writes b out and empties it. Lost records are counted as
// writeRecord counts them, and the error handler hears of each failed
// write call.
func (l *Logger) writeBatch(b *batch) {
	if len(b.ends) == 0 {
		return
	}
	l.writing.Store(int64(len(b.ends)))
	defer l.writing.Store(0)
	bo, ok := l.out.(batchOutput)
	if !ok {
		for i := range b.ends {
			l.writeRecord(b.times[i], b.buf[b.start(i):b.ends[i]])
		}
		b.reset()
		return
	}
	if lost, err := bo.writeBatch(b); err != nil {
		l.errCount += max(lost, 1)
		if l.firstErr == nil {
			l.firstErr = err
		}
		l.report(err)
	}
	b.reset()
}

// writeBatch writes the whole batch with one Write call. As in write, a
// Write that stops part-way leaves the start of a line in the writer, so
// the next Write begins with a newline; the records after the cut are lost.
func (o *writerOutput) writeBatch(b *batch) (lost int, err error) {
	if o.cut {
		if _, err := o.w.Write([]byte{'\n'}); err != nil {
			return len(b.ends), err
		}
		o.cut = false
	}
	n, err := o.w.Write(b.buf)
	if err == nil {
		return 0, nil
	}
	done := b.whole(0, n)
	if n > b.start(done) {
		o.cut = true
	}
	return len(b.ends) - done, err
}
