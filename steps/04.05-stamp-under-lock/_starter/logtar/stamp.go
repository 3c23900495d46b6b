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
	// TODO(04.05-stamp-under-lock): append timeSlot, then the level and the
	// message as appendHeader writes them (appendLevel, appendString).
	return b
}

// stamp writes t into the time slot of a record that begins with one, and
// returns the record. A record without a slot (a slog record with no time)
// is returned as it is. A time that does not fit the slot, the zero time
// (which slog wants left out) or a year past 9999, rebuilds the header.
func stamp(b []byte, t time.Time) []byte {
	// TODO(04.05-stamp-under-lock): if b begins with a slot, write t into
	// b[slotStart:slotStart+24] with appendTime (append to b[:slotStart]
	// writes over the slot in place). For the zero time or a year outside
	// 0..9999, rebuild: '{', the time field as appendHeader writes it (or
	// none), then the rest of the record after the slot.
	return b
}
