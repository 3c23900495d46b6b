package logtar

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
)

// Closing can take a while: in async mode every queued record is written
// first, the last rolled file may still be being compressed, and syncing a
// file waits for the disk. A program that is shutting down usually has a
// deadline of its own (a container gets a few seconds between SIGTERM and
// SIGKILL), and a disk that has stopped answering must not make it miss it.
// CloseContext does the same work as Close in a goroutine of its own, and
// stops waiting for it when the context ends.

// CloseContext is [Logger.Close] with a deadline: it returns when closing
// is done or when ctx ends, whichever comes first. If ctx ends first, it
// returns an error that wraps ctx.Err() and says how many records were
// still queued; the Logger goes on closing in the background (the records
// are written if the program lives long enough, a compression in progress
// is abandoned), and errors met from then on go to the error handler
// ([Config.WithErrorHandler]).
func (l *Logger) CloseContext(ctx context.Context) error {
	if ctx.Done() == nil {
		return l.close() // a context that never ends: no need for a goroutine
	}
	const (
		waiting = iota
		finished
		gaveUp
	)
	var state atomic.Int32
	result := make(chan error, 1)
	go func() {
		err := l.close()
		if state.CompareAndSwap(waiting, finished) {
			result <- err
		} else if err != nil {
			l.report(err) // CloseContext has returned: no one else will hear of it
		}
	}()
	select {
	case err := <-result:
		return err
	case <-ctx.Done():
	}
	if !state.CompareAndSwap(waiting, gaveUp) {
		return <-result // close finished as the context ended
	}
	if f, ok := l.out.(*fileOutput); ok {
		f.abandon() // stop compressing: the old file stays as it is
	}
	queued := 0
	if l.queue != nil {
		queued = len(l.queue) + int(l.writing.Load())
	}
	return fmt.Errorf("logtar: Close gave up waiting with %s still queued: %w", records(queued), ctx.Err())
}

// close is Close without a deadline.
func (l *Logger) close() error {
	l.mu.Lock()
	if l.closed {
		defer l.mu.Unlock()
		return l.droppedError()
	}
	l.closed = true
	async := l.queue != nil
	if async {
		close(l.queue) // the writer drains what is queued, then stops
		l.wakeWriter() // at once, without waiting for a batch to gather
	}
	l.mu.Unlock()
	if async {
		<-l.done
	}
	// No one else touches the output now: the writer goroutine has
	// stopped, and the logging methods see closed and drop their records.
	return errors.Join(l.flush(), l.out.close())
}
