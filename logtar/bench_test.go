package logtar

import (
	"io"
	"log/slog"
	"testing"
	"time"
)

// These benchmarks measure logtar alone, with the standard library only.
// The comparison with other libraries is in the bench directory, a module
// of its own.

var (
	benchString = "/api/v1/users/42/orders"
	benchInt    = 18342
	benchDur    = 1530 * time.Microsecond
)

func benchLogger(b *testing.B, cfg Config) *Logger {
	b.Helper()
	l, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l
}

func BenchmarkLoggerDisabled(b *testing.B) {
	l := benchLogger(b, NewConfig().WithWriter(io.Discard))
	b.Run("NoFields", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.Debug("request served")
		}
	})
	b.Run("Attrs", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.LogAttrs(LevelDebug, "request served", slog.String("path", benchString), slog.Int("bytes", benchInt), slog.Duration("elapsed", benchDur))
		}
	})
	b.Run("Args", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.Debug("request served", "path", benchString, "bytes", benchInt, "elapsed", benchDur)
		}
	})
}

func BenchmarkLoggerStatic(b *testing.B) {
	l := benchLogger(b, NewConfig().WithWriter(io.Discard))
	b.ReportAllocs()
	for b.Loop() {
		l.Info("request served")
	}
}

func BenchmarkLoggerTenAttrs(b *testing.B) {
	l := benchLogger(b, NewConfig().WithWriter(io.Discard))
	b.ReportAllocs()
	for b.Loop() {
		l.LogAttrs(LevelInfo, "request served",
			slog.String("method", "GET"),
			slog.String("path", benchString),
			slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
			slog.Int("status", 200),
			slog.Int("bytes", benchInt),
			slog.Int("request_id", 987654321),
			slog.Float64("ratio", 0.8125),
			slog.Bool("cached", true),
			slog.Duration("elapsed", benchDur),
			slog.Any("error", io.ErrUnexpectedEOF),
		)
	}
}

// BenchmarkAppendTime compares the hand-written timestamp with
// time.Time.AppendFormat, which appendTime's comment in record.go says it beats.
func BenchmarkAppendTime(b *testing.B) {
	buf := make([]byte, 0, 64)
	now := time.Now()
	b.Run("appendTime", func(b *testing.B) {
		for b.Loop() {
			buf = appendTime(buf[:0], now)
		}
	})
	b.Run("AppendFormat", func(b *testing.B) {
		for b.Loop() {
			buf = now.UTC().AppendFormat(buf[:0], "2006-01-02T15:04:05.000Z07:00")
		}
	})
}

// BenchmarkHandlerAccessLog hands the Handler the record velocy's AccessLog
// writes for every request (eight attributes, three past the five a
// slog.Record holds inline), built once: the cost of encoding and writing
// it, in sync and async mode, to io.Discard.
func BenchmarkHandlerAccessLog(b *testing.B) {
	rec := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
	rec.AddAttrs(
		slog.String("method", "GET"),
		slog.String("route", "/user/repos"),
		slog.String("path", "/user/repos"),
		slog.Int("status", 200),
		slog.Int64("bytes", 13),
		slog.Duration("duration", 1530*time.Nanosecond),
		slog.String("request_id", "wKc2Xd0qLm9vTyZa"),
		slog.String("client_ip", "192.0.2.1"),
	)
	for _, async := range []bool{false, true} {
		name := "sync"
		if async {
			name = "async"
		}
		b.Run(name, func(b *testing.B) {
			h := benchLogger(b, NewConfig().WithWriter(io.Discard).WithAsync(async)).Handler()
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				h.Handle(ctx, rec)
			}
		})
	}
}

// BenchmarkStamp fills a record's time slot, as emit does for every record:
// within one second (fillSlot's common case) and with a new second every
// time (a whole timestamp formatted).
func BenchmarkStamp(b *testing.B) {
	rec := appendSlotHeader(nil, LevelInfo, "request")
	now := time.Now()
	b.Run("same-second", func(b *testing.B) {
		for b.Loop() {
			rec = stamp(rec, now)
		}
	})
	b.Run("new-second", func(b *testing.B) {
		t := now
		for b.Loop() {
			t = t.Add(time.Second)
			rec = stamp(rec, t)
		}
	})
}
