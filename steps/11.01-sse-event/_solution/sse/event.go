package sse

import (
	"errors"
	"io"
	"strings"
)

// Event is one server-sent event.
type Event struct {
	// ID, if not empty, is sent as the event's "id:" line: a browser
	// remembers it and sends it back in Last-Event-ID when it reconnects.
	ID string
	// Name, if not empty, is the "event:" line: the event type a page
	// listens for with addEventListener. Without it the type is "message".
	Name string
	// Data is the event's text. It may hold several lines, ended by
	// "\n", "\r\n" or "\r"; a reader gets them back joined by "\n".
	Data string
}

// ErrLineBreak is returned by [WriteEvent] for an Event whose ID or Name
// holds a line break, which would end the field and start another.
var ErrLineBreak = errors.New("sse: a line break in an event's id or name")

// WriteEvent writes e to w in the text/event-stream format, in one Write:
// its "id:" and "event:" lines when they are set, one "data:" line per
// line of e.Data (at least one, so that an empty Data is an empty
// message), then the blank line that ends the event. An ID or Name with
// a line break (or an ID with a NUL byte, which readers ignore) is
// refused with [ErrLineBreak] and nothing is written.
func WriteEvent(w io.Writer, e Event) error {
	if strings.ContainsAny(e.ID, "\r\n\x00") || strings.ContainsAny(e.Name, "\r\n") {
		return ErrLineBreak
	}
	var b strings.Builder
	if e.ID != "" {
		b.WriteString("id: " + e.ID + "\n")
	}
	if e.Name != "" {
		b.WriteString("event: " + e.Name + "\n")
	}
	data := strings.ReplaceAll(e.Data, "\r\n", "\n")
	data = strings.ReplaceAll(data, "\r", "\n")
	for line := range strings.SplitSeq(data, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
