package logtar

import "context"

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
	// TODO(04.06-close-deadline): move the body of Close into a method
	// close, and make Close return l.CloseContext(context.Background()).
	// Here, run l.close in a goroutine and return when it finishes or ctx
	// ends, whichever comes first; if ctx ends first, say how many records
	// were still queued (wrapping ctx.Err()), tell the file output's
	// cleaner to abandon a compression, and make sure an error l.close
	// returns later still reaches the error handler (l.report).
	return l.Close()
}
