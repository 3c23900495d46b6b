package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"go.uber.org/zap"
)

// The benchmarks are only fair if every library does the same work. These
// tests run each scenario once per library into a buffer and compare what
// they wrote: the same message, level and fields, with the same values
// (keys normalised: zerolog writes "message", zap "ts"), and a timestamp of
// the same layout. A library that skipped a field, or wrote a value as
// something cheaper (a duration as a string, an error as null), would fail.

// record is one decoded line, with the library's own names for the time
// and message keys mapped to logtar's.
type record map[string]any

// lockedBuffer is safe for zap, which may write from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func decodeOne(t *testing.T, lib string, data []byte) record {
	t.Helper()
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	if len(lines) != 1 {
		t.Fatalf("%s wrote %d lines, want 1:\n%s", lib, len(lines), data)
	}
	var r record
	if err := json.Unmarshal(lines[0], &r); err != nil {
		t.Fatalf("%s wrote %q: %v", lib, lines[0], err)
	}
	for from, to := range map[string]string{"ts": "time", "message": "msg"} {
		if v, ok := r[from]; ok {
			r[to] = v
			delete(r, from)
		}
	}
	if level, ok := r["level"].(string); ok {
		r["level"] = strings.ToUpper(level)
	}
	// slog's JSON handler writes nanoseconds, in the local zone, and cannot
	// be told otherwise without a ReplaceAttr function, which would cost it
	// far more than the extra digits; the others write UTC milliseconds.
	stamp, _ := r["time"].(string)
	if strings.HasPrefix(lib, "slog") {
		if _, err := time.Parse(time.RFC3339Nano, stamp); err != nil {
			t.Errorf("%s wrote the time %q: %v", lib, stamp, err)
		}
	} else if _, err := time.Parse("2006-01-02T15:04:05.000Z", stamp); err != nil {
		t.Errorf("%s wrote the time %q, want RFC 3339 in UTC with milliseconds: %v", lib, stamp, err)
	}
	delete(r, "time") // the values differ by when each ran
	return r
}

// sameRecords checks that every library's record equals logtar's.
func sameRecords(t *testing.T, scenario string, got map[string]record) {
	t.Helper()
	want := got["logtar"]
	for _, lib := range slices.Sorted(maps.Keys(got)) {
		r := got[lib]
		if fmt.Sprint(r) != fmt.Sprint(want) {
			t.Errorf("%s: %s wrote\n%v\nlogtar wrote\n%v", scenario, lib, r, want)
		}
	}
}

func newLogtarTo(t *testing.T, w *lockedBuffer) *logtar.Logger {
	l, err := logtar.New(logtar.NewConfig().WithWriter(w))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestTenFieldsSameRecord(t *testing.T) {
	run := map[string]func(w *lockedBuffer){
		"logtar":      func(w *lockedBuffer) { logtarTen(newLogtarTo(t, w)) },
		"logtar.Args": func(w *lockedBuffer) { logtarTenArgs(newLogtarTo(t, w)) },
		"logtar.Slog": func(w *lockedBuffer) { slogTen(slog.New(newLogtarTo(t, w).Handler())) },
		"zerolog":     func(w *lockedBuffer) { zerologTen(newZerolog(w)) },
		"zap":         func(w *lockedBuffer) { zapTen(newZap(w)) },
		"zap.Args":    func(w *lockedBuffer) { zapSugarTen(newZap(w).Sugar()) },
		"slog":        func(w *lockedBuffer) { slogTen(newSlog(w, false)) },
		"slog.Args":   func(w *lockedBuffer) { slogTenArgs(newSlog(w, false)) },
	}
	got := map[string]record{}
	for lib, f := range run {
		var w lockedBuffer
		f(&w)
		got[lib] = decodeOne(t, lib, w.buf.Bytes())
	}
	if len(got["logtar"]) != 12 { // level, msg and the ten fields
		t.Fatalf("logtar's record has %d keys, want 12: %v", len(got["logtar"]), got["logtar"])
	}
	sameRecords(t, "TenFields", got)
}

func TestWithSameRecord(t *testing.T) {
	run := map[string]func(w *lockedBuffer){
		"logtar":  func(w *lockedBuffer) { logtarWith(newLogtarTo(t, w)).Info(message) },
		"zerolog": func(w *lockedBuffer) { l := zerologWith(newZerolog(w)); l.Info().Msg(message) },
		"zap":     func(w *lockedBuffer) { zapWith(newZap(w)).Info(message) },
		"slog":    func(w *lockedBuffer) { slogWith(newSlog(w, false)).Info(message) },
	}
	got := map[string]record{}
	for lib, f := range run {
		var w lockedBuffer
		f(&w)
		got[lib] = decodeOne(t, lib, w.buf.Bytes())
	}
	sameRecords(t, "With", got)
	// And the same record as TenFields: presetting changes nothing.
	var w lockedBuffer
	logtarTen(newLogtarTo(t, &w))
	if ten := decodeOne(t, "logtar", w.buf.Bytes()); fmt.Sprint(ten) != fmt.Sprint(got["logtar"]) {
		t.Errorf("With wrote\n%v\nTenFields wrote\n%v", got["logtar"], ten)
	}
}

func TestStaticSameRecord(t *testing.T) {
	run := map[string]func(w *lockedBuffer){
		"logtar":  func(w *lockedBuffer) { newLogtarTo(t, w).Info(message) },
		"zerolog": func(w *lockedBuffer) { l := newZerolog(w); l.Info().Msg(message) },
		"zap":     func(w *lockedBuffer) { newZap(w).Info(message) },
		"slog":    func(w *lockedBuffer) { newSlog(w, false).Info(message) },
	}
	got := map[string]record{}
	for lib, f := range run {
		var w lockedBuffer
		f(&w)
		got[lib] = decodeOne(t, lib, w.buf.Bytes())
	}
	sameRecords(t, "Static", got)
}

func TestDisabledWritesNothing(t *testing.T) {
	var w lockedBuffer
	newLogtarTo(t, &w).Debug(message)
	l := newZerolog(&w)
	l.Debug().Msg(message)
	newZap(&w).Debug(message)
	newSlog(&w, false).Debug(message)
	if w.buf.Len() != 0 {
		t.Errorf("a disabled level wrote %q", w.buf.String())
	}
}

func TestCallerNamesTheCall(t *testing.T) {
	var w lockedBuffer
	l, err := logtar.New(logtar.NewConfig().WithWriter(&w).WithCaller(true))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.Info(message)
	zl := newZerolog(&w).With().Caller().Logger()
	zl.Info().Msg(message)
	newZap(&w, zap.AddCaller()).Info(message)
	newSlog(&w, true).Info(message)
	for i, line := range strings.Split(strings.TrimSpace(w.buf.String()), "\n") {
		if !strings.Contains(line, "same_test.go") {
			t.Errorf("record %d names no line of same_test.go: %s", i, line)
		}
	}
}
