package logtar

import "time"

// In async mode the logging methods do not write. They encode the record in
// the calling goroutine, then put it on a queue, a buffered channel; one
// writer goroutine takes records off the queue and writes them. The caller
// pays for encoding and a channel send, not for the write system call.
//
// Two details matter:
//
//   - Everything that depends on the caller is captured before the hand-off:
//     the time, and the caller info, which is read from the stack of the
//     goroutine that logs. The writer goroutine's stack knows nothing
//     about who logged.
//   - The queue has a fixed size. When it is full, the logging methods
//     wait: memory stays bounded and nothing is lost, at the price of
//     slowing the program down while the disk catches up.
//
// Close must not return before every earlier record is written. It closes
// the channel, which lets the writer drain the queue and stop, and waits
// for it to finish.

// entry is one item on the queue: a record and its time.
type entry struct {
	t   time.Time
	buf *buffer
}

// startWriter creates the queue and starts the writer goroutine.
func (l *Logger) startWriter(size int) {
	// TODO(04.04-async-queue): give the Logger two fields, queue chan entry
	// and done chan struct{}; make the queue with room for size entries,
	// make done, and start writeQueue in a goroutine. Then, in logger.go:
	// New calls startWriter when cfg.async is set; emit sends the record on
	// the queue (unless the Logger is closed); Close closes the queue,
	// unlocks, and waits for done before it flushes and closes the output.
}

// writeQueue is the writer goroutine. It owns the output until it returns,
// which it does once Close has closed the queue and the queue is empty.
func (l *Logger) writeQueue() {
	// TODO(04.04-async-queue): range over the queue, writing each record
	// with writeRecord and freeing its buffer; close done when the queue is
	// closed and empty.
}

// requestFlush queues a flush request behind the records already queued and
// returns the channel its result will arrive on. The caller holds mu.
func (l *Logger) requestFlush() <-chan error {
	// TODO(04.04-async-sync): the next step writes this; leave it for now.
	return nil
}
