package logtar

import "time"

// A file output cannot always write a batch with one call: a record that
// must roll the file (rolling.go) has to go into the next file, so the
// records before it are one write and the records from it on another. And
// a write that fails part-way, as on a full disk, must be cut back to the
// end of the last whole record, as write does for a single record
// (file.go), so that the file holds no half record.

// writeBatch writes the batch with one Write call per run of records that
// go to the same file: a record that must roll the file (rolling.go)
// starts a new run. A Write that fails part-way is cut back to the end of
// the last whole record, as write does for one record; the run's records
// after it are lost, and the next run is tried.
func (f *fileOutput) writeBatch(b *batch) (lost int, firstErr error) {
	for i := 0; i < len(b.ends); {
		t := b.times[i]
		if f.shouldRoll(t, b.size(i)) && !t.Before(f.retryAt) {
			f.tryRoll(t) // as in write: a failed roll leaves the records in this file
		}
		j, run := i+1, b.size(i)
		for j < len(b.ends) && f.fits(b.times[j], run, b.size(j)) {
			run += b.size(j)
			j++
		}
		if done, err := f.writeRun(b, i, j); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			lost += j - i - done
		}
		i = j
	}
	return lost, firstErr
}

// fits reports whether a record of n bytes with time t can go into the
// current file after a run of run bytes that is not written yet, rather
// than roll it: the rule of shouldRoll, asked as if the run were written.
func (f *fileOutput) fits(t time.Time, run, n int) bool {
	if t.Before(f.retryAt) {
		return true // a failed roll is not tried again yet
	}
	written := f.size
	f.size += int64(run)
	roll := f.shouldRoll(t, n)
	f.size = written
	return !roll
}

// writeRun writes records i to j-1 of b with one Write call, and returns
// how many of them it wrote whole. A record the Write cut is taken back,
// as write takes back a record a full disk cut: the file is truncated to
// the end of the last whole record; only if that fails, cut is set, so
// that the next write starts a new line.
func (f *fileOutput) writeRun(b *batch, i, j int) (int, error) {
	if f.cut {
		if _, err := f.file.Write([]byte{'\n'}); err != nil {
			return 0, err // still failing: these records are lost too
		}
		f.cut = false
		f.size++
	}
	n, err := f.file.Write(b.buf[b.start(i):b.ends[j-1]])
	if err == nil {
		f.size += int64(n)
		return j - i, nil
	}
	done := b.whole(i, n)
	whole := b.start(i+done) - b.start(i)
	f.size += int64(whole)
	// cutBack (file.go) does this for write; it is not called here
	// because no earlier step's check asks for that name, so a learner's
	// file.go may not have it (see steps/README.md, apply-safety).
	if n > whole && f.file.Truncate(f.size) != nil {
		f.cut = true
		f.size += int64(n - whole)
	}
	return done, err
}
