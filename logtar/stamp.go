package logtar

import (
	"sync/atomic"
	"time"
)

// A record's time is read when the record takes its turn to be written,
// under the Logger's lock (emit), not when it is encoded. Only then do the
// records of a file follow the order of their times, and does a file named
// for 10:00 hold no record stamped 09:59 (rolling.go). Reading the clock
// under the lock is cheap; encoding the whole record there would not be, as
// every goroutine that logs would wait for it. So a record is encoded with
// a slot where its time goes, 24 bytes that stamp fills in place later:
//
//	{"time":"????-??-??T??:??:??.???Z","level":"INFO","msg":"saved"...
//	         └──────── 24 bytes ─────┘
//
// This works because appendTime writes a fixed width: every time from year
// 0 to 9999 takes exactly 24 bytes.

// timeSlot is how a record with a time slot begins.
const timeSlot = `{"time":"????-??-??T??:??:??.???Z",`

// slotStart is the offset of the 24 bytes the time goes in.
const slotStart = len(`{"time":"`)

// appendSlotHeader appends the header of a record whose time is not known
// yet: timeSlot, the level and the message.
func appendSlotHeader(b []byte, level Level, msg string) []byte {
	b = append(b, timeSlot...)
	b = append(b, `"level":"`...)
	b = appendLevel(b, level)
	b = append(b, `","msg":`...)
	return appendString(b, msg)
}

// stamp writes t into the time slot of a record that begins with one, and
// returns the record. A record without a slot (a slog record with no time)
// is returned as it is. A time that does not fit the slot, the zero time
// (which slog wants left out) or a year past 9999, rebuilds the header.
func stamp(b []byte, t time.Time) []byte {
	if len(b) < len(timeSlot) || string(b[:slotStart]) != timeSlot[:slotStart] ||
		string(b[len(timeSlot)-2:len(timeSlot)]) != `",` {
		return b
	}
	if !t.IsZero() && fillSlot(b[slotStart:len(timeSlot)-2], t) {
		return b
	}
	rest := string(b[len(timeSlot):]) // a copy: the new header may be longer
	b = append(b[:0], '{')
	if !t.IsZero() {
		b = append(b, `"time":"`...)
		b = appendTime(b, t)
		b = append(b, `",`...)
	}
	return append(b, rest...)
}

// A busy Logger stamps thousands of records within the same second, and
// all of them begin with the same 20 bytes, 2006-01-02T15:04:05. (only the
// milliseconds differ). So fillSlot keeps the last second it formatted and
// its text, and formats a whole time only when the second changes: the
// other records cost a copy and three digits.

// secondText is a second, as Unix time, and its first 20 bytes of text.
type secondText struct {
	sec  int64
	text [24]byte // appendTime's output for some time in sec
}

// lastSecond is the second fillSlot formatted last. It is shared by every
// Logger (each has its own lock, so it is an atomic pointer to a value
// never changed once stored); Loggers with clocks of their own, as in
// tests, only make it miss more often.
var lastSecond atomic.Pointer[secondText]

// fillSlot writes t into slot, the 24 bytes of a time slot, and reports
// whether it could: false for a year that does not fit, 0 to 9999.
func fillSlot(slot []byte, t time.Time) bool {
	sec := t.Unix()
	c := lastSecond.Load()
	if c == nil || c.sec != sec {
		if y := t.UTC().Year(); y < 0 || y > 9999 {
			return false
		}
		c = &secondText{sec: sec}
		appendTime(c.text[:0], t)
		lastSecond.Store(c)
	}
	copy(slot, c.text[:20])
	ms := t.Nanosecond() / 1e6
	slot[20] = byte('0' + ms/100)
	slot[21] = byte('0' + ms/10%10)
	slot[22] = byte('0' + ms%10)
	slot[23] = 'Z'
	return true
}
