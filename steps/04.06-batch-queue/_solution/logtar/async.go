package logtar

import "time"

// In async mode the logging methods do not write. They encode the record in
// the calling goroutine, then put it on a queue, a buffered channel; one
// writer goroutine takes records off the queue and writes them, many at a
// time (batch.go). The caller pays for encoding and a channel send, not for
// the write system call.
//
// Two details matter:
//
//   - Everything that depends on the caller is captured before the hand-off:
//     the time, and the caller info, which is read from the stack of the
//     goroutine that logs. The writer goroutine's stack knows nothing
//     about who logged.
//   - The queue has a fixed size. When it is full, the logging methods
//     wait: memory stays bounded and nothing is lost, at the price of
//     slowing the program down while the disk catches up. A program that
//     would rather lose records than slow down turns on the drop mode
//     (Config.WithDropWhenFull): a record that finds the queue full is
//     dropped, counted, and reported as ErrQueueFull.
//
// Sync and Close must not return before every earlier record is written.
// Sync puts a flush request on the queue behind the records and waits for
// the writer to answer it; Close closes the channel, which lets the writer
// drain the queue and stop, and waits for it to finish.

// entry is one item on the queue: a record, or a flush request from Sync.
type entry struct {
	t   time.Time
	buf *buffer
	ack chan error // for a flush request: where to send the result
}

// startWriter creates the queue and starts the writer goroutine.
func (l *Logger) startWriter(size int) {
	l.queue = make(chan entry, size)
	l.wake = make(chan struct{}, 1)
	l.done = make(chan struct{})
	go l.writeQueue()
}

// writeQueue is the writer goroutine. It owns the output until it returns,
// which it does once Close has closed the queue and the queue is empty.
//
// It writes in batches (batch.go): the first record to reach it while it
// is idle makes it wait batchDelay for more, unless Sync wakes it first,
// and then it writes everything queued.
func (l *Logger) writeQueue() {
	defer close(l.done)
	var b batch
	gather := time.NewTimer(batchDelay)
	gather.Stop()
	for e := range l.queue {
		if e.ack == nil {
			gather.Reset(batchDelay)
			select {
			case <-gather.C:
			case <-l.wake:
				gather.Stop()
			}
		}
		if !l.drain(&b, e) {
			return
		}
	}
}

// drain handles e and every entry queued behind it, writing the records in
// batches of at most maxBatch bytes. It returns false once the queue is
// closed and empty.
func (l *Logger) drain(b *batch, e entry) bool {
	for {
		if e.ack != nil {
			l.writeBatch(b) // the records queued before the flush request
			e.ack <- l.flush()
			// Take the wake-up this request sent, so that it does not
			// cut short the next batch. A later request's wake-up may
			// go instead; its entry is queued already, so this loop
			// reaches it.
			select {
			case <-l.wake:
			default:
			}
		} else {
			if len(b.buf) > 0 && len(b.buf)+len(*e.buf) > maxBatch {
				l.writeBatch(b)
			}
			b.add(e.t, *e.buf)
			e.buf.free()
		}
		var ok bool
		select {
		case e, ok = <-l.queue:
			if !ok {
				l.writeBatch(b)
				return false
			}
		default:
			l.writeBatch(b)
			return true
		}
	}
}

// requestFlush queues a flush request behind the records already queued,
// wakes the writer if it is waiting for a batch to gather, and returns the
// channel the result will arrive on. The caller holds mu.
func (l *Logger) requestFlush() <-chan error {
	ack := make(chan error, 1)
	l.queue <- entry{ack: ack}
	l.wakeWriter()
	return ack
}

// nudge wakes the writer if it is waiting for a batch to gather while the
// queue is half full or more (batch.go): a burst bigger than the queue
// would otherwise wait out batchDelay for room, or in drop mode be dropped,
// with the writer asleep. The caller holds mu.
func (l *Logger) nudge() {
	if len(l.queue) >= cap(l.queue)/2 {
		l.wakeWriter()
	}
}

// wakeWriter cuts short the writer's wait for a batch to gather, now or,
// if it is busy writing, the next time it waits. It never blocks: one
// pending wake-up is enough.
func (l *Logger) wakeWriter() {
	select {
	case l.wake <- struct{}{}:
	default: // a wake-up is pending already
	}
}
