package upload

import (
	"io"
	"sync/atomic"
)

// Receiving a file is two jobs that wait on different things: reading the
// body waits on the network and spends CPU parsing it, writing the file
// spends CPU in the kernel, copying into the page cache, and may wait on
// the disk. On one goroutine their times add up. A writer hands each full
// buffer to a goroutine of its own that writes it, so that the next buffer
// is read while the last one is written: with two cores free, a file
// arrives at the speed of the slower job instead of the sum of both.
//
// The buffers go round between two channels: free (to fill) and full (to
// write). When every buffer is full, the reader waits: the network is
// never read further ahead of the disk than a few buffers.

// writerBuffers is how many buffers one file may have in flight.
const writerBuffers = 4

// writer writes buffers to w on a goroutine of its own.
type writer struct {
	w         io.Writer
	size      int
	allocated int
	free      chan []byte // buffers written, ready to be filled again
	full      chan []byte // buffers waiting to be written
	done      chan struct{}
	failed    atomic.Bool // a write failed: stop handing over buffers
	err       error       // the first write error, read after done is closed
	closed    bool
}

// newWriter starts a writer of buffers of size bytes to w.
func newWriter(w io.Writer, size int) *writer {
	wr := &writer{
		w:    w,
		size: size,
		free: make(chan []byte, writerBuffers),
		full: make(chan []byte, writerBuffers),
		done: make(chan struct{}),
	}
	go wr.run()
	return wr
}

func (wr *writer) run() {
	defer close(wr.done)
	for b := range wr.full {
		if !wr.failed.Load() {
			if _, err := wr.w.Write(b); err != nil {
				wr.err = err
				wr.failed.Store(true)
			}
		}
		wr.free <- b[:cap(b)]
	}
}

// buffer returns an empty buffer, made on demand (a small file needs only
// one), or waits for one to be written.
func (wr *writer) buffer() []byte {
	select {
	case b := <-wr.free:
		return b
	default:
	}
	if wr.allocated < writerBuffers {
		wr.allocated++
		return make([]byte, wr.size)
	}
	return <-wr.free
}

// write hands b, a buffer from buffer, to be written. It returns the
// error of an earlier write, if one failed, after stopping the goroutine.
func (wr *writer) write(b []byte) error {
	if wr.failed.Load() {
		return wr.close()
	}
	wr.full <- b
	return nil
}

// close waits until every buffer handed over is written, stops the
// goroutine, and returns the first write error. It may be called more
// than once.
func (wr *writer) close() error {
	if !wr.closed {
		wr.closed = true
		close(wr.full)
	}
	<-wr.done
	return wr.err
}
