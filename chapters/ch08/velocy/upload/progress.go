package upload

import "time"

// A large upload takes a while, and a client (or a log, or a metric)
// wants to see it move. Calling a hook for every buffer would make the
// hook's cost part of every read; calling it at most every interval bounds
// that cost whatever the speed of the upload.

// Progress is what the progress hook of [Options] is told.
type Progress struct {
	Field    string // the form field of the file being received
	Filename string // its sanitised client name
	// FileBytes is how many bytes of the file have been received.
	FileBytes int64
	// TotalBytes is how many bytes of the request body have been read,
	// headers and boundaries included (the reading runs up to 256 KiB
	// ahead of the file).
	TotalBytes int64
	// Done is true in the last call for a file, made when it is complete
	// and stored.
	Done bool
}

// DefaultProgressInterval is the least time between two progress calls for
// a file when [Options].ProgressInterval is 0.
const DefaultProgressInterval = 100 * time.Millisecond

// progress calls a hook at most once per interval, and always for Done.
type progress struct {
	hook     func(Progress)
	interval time.Duration
	last     time.Time
}

// report calls the hook with p if it is time to, or if p is the last call
// for its file.
func (pr *progress) report(p Progress) {
	if pr.hook == nil {
		return
	}
	now := time.Now()
	if !p.Done && now.Sub(pr.last) < pr.interval {
		return
	}
	pr.last = now
	pr.hook(p)
}
