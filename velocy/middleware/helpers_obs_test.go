package middleware

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// obsLog collects the records of a JSON slog logger, for the tests of
// Recover, RequestID, ContextHandler, ClientIP and AccessLog.
type obsLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *obsLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// logger returns a logger that writes JSON records into l, at every level,
// without the time.
func (l *obsLog) logger() *slog.Logger {
	return slog.New(l.handler())
}

func (l *obsLog) handler() slog.Handler {
	return slog.NewJSONHandler(l, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})
}

// text returns everything logged so far.
func (l *obsLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// records decodes every record logged so far.
func (l *obsLog) records(t *testing.T) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for line := range strings.Lines(l.text()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		recs = append(recs, m)
	}
	return recs
}

// only returns the one record logged so far, and fails the test if there
// is not exactly one.
func (l *obsLog) only(t *testing.T) map[string]any {
	t.Helper()
	recs := l.records(t)
	if len(recs) != 1 {
		t.Fatalf("logged %d records, want 1:\n%s", len(recs), l.text())
	}
	return recs[0]
}
