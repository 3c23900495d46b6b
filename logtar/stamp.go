package logtar

import "time"

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
	if y := t.UTC().Year(); y >= 0 && y <= 9999 && !t.IsZero() {
		appendTime(b[:slotStart], t) // writes over the 24 bytes of the slot
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
