package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
)

// A logger writes JSON at level Info. Ten logs the message with the ten fields of fields.go;
// Disabled makes a Debug call with the message alone; the Loop methods do the same in a
// benchmark loop, so no indirect call sits between the loop and the library.
type logger interface {
	Ten()
	Disabled()
	LoopTen(b *testing.B)
	LoopDisabled(b *testing.B)
	Close() error
}

type loggerEntry struct {
	name, kind string
	open       func(w io.Writer) (logger, error)
}

var loggers []loggerEntry

func addLogger(name, kind string, open func(w io.Writer) (logger, error)) {
	loggers = append(loggers, loggerEntry{name, kind, open})
}

func init() {
	addLogger("slog.JSONHandler", "std", func(w io.Writer) (logger, error) {
		return slogLogger{slog.New(slog.NewJSONHandler(w, nil))}, nil
	})
	groups = append(groups,
		group{"logger-ten-fields", func() []contender { return loggerGroup(true) }},
		group{"logger-disabled", func() []contender { return loggerGroup(false) }},
	)
}

// loggerGroup makes the contenders of a logger benchmark: a line with ten fields, or a
// disabled Debug line.
func loggerGroup(ten bool) []contender {
	var cs []contender
	for _, le := range sortedByKind(loggers, func(l loggerEntry) string { return l.kind }) {
		var l logger
		c := contender{name: le.name, kind: le.kind}
		c.check = func() error {
			var buf bytes.Buffer
			cl, err := le.open(&buf)
			if err != nil {
				return fmt.Errorf("could not make a logger: %v", err)
			}
			if ten {
				cl.Ten()
			} else {
				cl.Disabled()
			}
			if err := cl.Close(); err != nil {
				return fmt.Errorf("Close: %v", err)
			}
			if err := checkRecord(buf.Bytes(), ten); err != nil {
				return err
			}
			l, err = le.open(io.Discard)
			return err
		}
		c.bench = func(b *testing.B) {
			if ten {
				l.LoopTen(b)
			} else {
				l.LoopDisabled(b)
			}
		}
		c.done = func() {
			if l != nil {
				l.Close()
			}
		}
		cs = append(cs, c)
	}
	return cs
}

// checkRecord checks what a logger wrote for one call: nothing for a disabled line, else one
// JSON object with the message, the level and the ten fields with their values.
func checkRecord(data []byte, ten bool) error {
	if !ten {
		if len(data) > 0 {
			return fmt.Errorf("writes wrong: a Debug line on an Info logger wrote %q, want nothing", trim(data))
		}
		return nil
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	if len(data) == 0 || len(lines) != 1 {
		return fmt.Errorf("writes wrong: one call wrote %d lines, want 1: %q", len(lines), trim(data))
	}
	var rec map[string]any
	if err := json.Unmarshal(lines[0], &rec); err != nil {
		return fmt.Errorf("writes wrong: the line is not a JSON object (%v): %q", err, trim(lines[0]))
	}
	for from, to := range map[string]string{"message": "msg", "ts": "time"} {
		if v, ok := rec[from]; ok {
			rec[to] = v
			delete(rec, from)
		}
	}
	want := map[string]any{
		"msg": message, "level": "INFO",
		"method": fMethod, "path": fPath, "user_agent": fUserAgent,
		"status": float64(fStatus), "bytes": float64(fBytes), "request_id": float64(fRequestID),
		"ratio": fRatio, "cached": fCached, "elapsed": float64(fElapsed.Nanoseconds()), "error": fErr.Error(),
	}
	if lv, ok := rec["level"].(string); ok {
		rec["level"] = strings.ToUpper(lv)
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if got, ok := rec[k]; !ok {
			return fmt.Errorf("writes wrong: the record has no %q: %q", k, trim(lines[0]))
		} else if got != want[k] {
			return fmt.Errorf("writes wrong: %q is %v, want %v", k, got, want[k])
		}
	}
	if _, ok := rec["time"]; !ok {
		return fmt.Errorf("writes wrong: the record has no time: %q", trim(lines[0]))
	}
	return nil
}

func trim(b []byte) string {
	if len(b) > 160 {
		return string(b[:160]) + "..."
	}
	return string(b)
}

// slogLogger is the standard library's contender: log/slog's JSON handler.
type slogLogger struct{ l *slog.Logger }

func (s slogLogger) Ten() { slogTen(s.l) }

func (s slogLogger) Disabled() { s.l.Debug(message) }

func (s slogLogger) LoopTen(b *testing.B) {
	for b.Loop() {
		slogTen(s.l)
	}
}

func (s slogLogger) LoopDisabled(b *testing.B) {
	for b.Loop() {
		s.l.Debug(message)
	}
}

func (slogLogger) Close() error { return nil }

func slogTen(l *slog.Logger) {
	l.LogAttrs(context.Background(), slog.LevelInfo, message,
		slog.String("method", fMethod),
		slog.String("path", fPath),
		slog.String("user_agent", fUserAgent),
		slog.Int("status", fStatus),
		slog.Int("bytes", fBytes),
		slog.Int("request_id", fRequestID),
		slog.Float64("ratio", fRatio),
		slog.Bool("cached", fCached),
		slog.Duration("elapsed", fElapsed),
		slog.Any("error", fErr),
	)
}
