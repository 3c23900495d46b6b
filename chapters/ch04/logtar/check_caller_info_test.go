package logtar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// callerInfoBuffer is a bytes.Buffer that is safe for concurrent use.
type callerInfoBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *callerInfoBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records decodes the JSON lines written so far.
func (b *callerInfoBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(b.buf.String(), "\n"), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("the line %q is not a JSON object: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// callerInfoLogger returns a Logger with caller info on (and everything
// from Debug up enabled) that writes to the returned buffer.
func callerInfoLogger(t *testing.T, cfg Config) (*Logger, *callerInfoBuffer) {
	t.Helper()
	buf := &callerInfoBuffer{}
	l, err := New(cfg.WithWriter(buf).WithCaller(true).WithLevel(LevelDebug))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, buf
}

// callerInfoHere returns the caller fields a record should have when it is
// logged on the line after the one that calls callerInfoHere.
func callerInfoHere() (caller, fn string) {
	pc, file, line, _ := runtime.Caller(1)
	name := runtime.FuncForPC(pc).Name()
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return fmt.Sprintf("%s/%s:%d", filepath.Base(filepath.Dir(file)), filepath.Base(file), line+1), name
}

// callerInfoCheck checks that record names caller and fn.
func callerInfoCheck(t *testing.T, how string, record map[string]any, caller, fn string) {
	t.Helper()
	if record["caller"] != caller || record["func"] != fn {
		if record["caller"] == nil {
			t.Errorf("%s: the record has no caller field, want caller %q, func %q", how, caller, fn)
			return
		}
		t.Errorf("%s: the record has caller %v, func %v; want caller %q, func %q", how, record["caller"], record["func"], caller, fn)
	}
}

func TestCallerInfoEveryMethod(t *testing.T) {
	l, buf := callerInfoLogger(t, NewConfig())
	type want struct{ how, caller, fn string }
	var wants []want
	add := func(how, caller, fn string) { wants = append(wants, want{how, caller, fn}) }

	c, f := callerInfoHere()
	l.Debug("debug")
	add("Debug", c, f)
	c, f = callerInfoHere()
	l.Info("info")
	add("Info", c, f)
	c, f = callerInfoHere()
	l.Warn("warn")
	add("Warn", c, f)
	c, f = callerInfoHere()
	l.Error("error")
	add("Error", c, f)
	c, f = callerInfoHere()
	l.Critical("critical")
	add("Critical", c, f)
	c, f = callerInfoHere()
	l.Log(LevelInfo+1, "log")
	add("Log", c, f)
	c, f = callerInfoHere()
	l.LogAttrs(LevelInfo, "attrs", slog.Int("n", 1))
	add("LogAttrs", c, f)

	records := buf.records(t)
	if len(records) != len(wants) {
		t.Fatalf("%d logging calls wrote %d records, want %d", len(wants), len(records), len(wants))
	}
	for i, r := range records {
		callerInfoCheck(t, wants[i].how, r, wants[i].caller, wants[i].fn)
	}
}

func TestCallerInfoClosure(t *testing.T) {
	l, buf := callerInfoLogger(t, NewConfig())
	var c, f string
	func() {
		c, f = callerInfoHere()
		l.Info("in a closure")
	}()
	records := buf.records(t)
	if len(records) != 1 {
		t.Fatalf("got %d records, want 1", len(records))
	}
	callerInfoCheck(t, "Info in a closure", records[0], c, f)
}

// callerInfoHelper wraps the Logger, as applications often do, and returns
// the caller fields of its own call to Info.
func callerInfoHelper(l *Logger, msg string) (caller, fn string) {
	caller, fn = callerInfoHere()
	l.Info(msg)
	return caller, fn
}

func TestCallerInfoHelperIsTheCaller(t *testing.T) {
	l, buf := callerInfoLogger(t, NewConfig())
	c, f := callerInfoHelper(l, "wrapped")
	records := buf.records(t)
	if len(records) != 1 {
		t.Fatalf("got %d records, want 1", len(records))
	}
	callerInfoCheck(t, "Info called by a helper (no skip configured)", records[0], c, f)
}

func TestCallerInfoOff(t *testing.T) {
	buf := &callerInfoBuffer{}
	l, err := New(NewConfig().WithWriter(buf))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.Info("no caller")
	if r := buf.records(t); len(r) != 1 || r[0]["caller"] != nil || r[0]["func"] != nil {
		t.Errorf("with caller info off (the default), the records are %v, want one without caller and func fields", r)
	}
}
