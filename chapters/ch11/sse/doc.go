// Package sse writes server-sent events: the text/event-stream format of
// lesson 11.1, in which one HTTP response stays open and carries events
// as the server has them.
//
// [WriteEvent] writes one event in the wire format, splitting its data
// into one "data:" line per line, so that a browser's EventSource puts
// the text back together as it was. [Stream] answers a request with the
// events of a channel, flushing each one as it is written, until the
// channel is closed or the client goes away.
package sse
