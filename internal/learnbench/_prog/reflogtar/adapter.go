// Package reflogtar hands learnbench a logtar logger. learn bench writes it twice: for the
// reference (this import path) and for your workspace ("workspace/logtar"). It compiles only if
// the package has the API the book gives it by the end of lesson 4.2.
package reflogtar

import (
	"io"
	"log/slog"
	"testing"

	"reference/logtar"
)

// Logger is a logtar Logger that writes JSON at level Info.
type Logger struct{ l *logtar.Logger }

// New returns a Logger writing to w.
func New(w io.Writer) (*Logger, error) {
	l, err := logtar.New(logtar.NewConfig().WithWriter(w))
	if err != nil {
		return nil, err
	}
	return &Logger{l}, nil
}

// Ten logs the message with the ten fields.
func (x *Logger) Ten() { ten(x.l) }

// Disabled logs the message at level Debug.
func (x *Logger) Disabled() { x.l.Debug(message) }

// LoopTen is Ten in a benchmark loop.
func (x *Logger) LoopTen(b *testing.B) {
	for b.Loop() {
		ten(x.l)
	}
}

// LoopDisabled is Disabled in a benchmark loop.
func (x *Logger) LoopDisabled(b *testing.B) {
	for b.Loop() {
		x.l.Debug(message)
	}
}

// Close closes the logger.
func (x *Logger) Close() error { return x.l.Close() }

func ten(l *logtar.Logger) {
	l.LogAttrs(logtar.LevelInfo, message,
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
