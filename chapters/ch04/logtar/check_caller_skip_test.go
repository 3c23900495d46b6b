package logtar

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// callerSkipOne is an application's logging helper: it calls Info itself,
// so it adds one frame between the code that wants to log and the Logger.
func callerSkipOne(l *Logger, msg string) {
	l.Info(msg)
}

// callerSkipTwo wraps callerSkipOne: two frames.
func callerSkipTwo(l *Logger, msg string) {
	callerSkipOne(l, msg)
}

func TestCallerSkipWrappers(t *testing.T) {
	tests := []struct {
		desc string
		skip int
		log  func(*Logger, string)
	}{
		{"a helper that calls Info, with WithCallerSkip(1)", 1, callerSkipOne},
		{"a helper that calls a helper that calls Info, with WithCallerSkip(2)", 2, callerSkipTwo},
	}
	for _, tt := range tests {
		l, buf := callerInfoLogger(t, NewConfig().WithCallerSkip(tt.skip))
		c, f := callerInfoHere()
		tt.log(l, "wrapped")
		records := buf.records(t)
		if len(records) != 1 {
			t.Fatalf("%s: got %d records, want 1", tt.desc, len(records))
		}
		callerInfoCheck(t, tt.desc+" names the helper's caller", records[0], c, f)
	}
}

func TestCallerSkipTooFar(t *testing.T) {
	l, buf := callerInfoLogger(t, NewConfig().WithCallerSkip(1000))
	l.Info("deep")
	records := buf.records(t)
	if len(records) != 1 {
		t.Fatalf("got %d records, want 1", len(records))
	}
	if got := records[0]["caller"]; got != "unknown" {
		t.Errorf("with WithCallerSkip(1000), deeper than the stack, the record's caller is %v, want \"unknown\"", got)
	}
	if f, ok := records[0]["func"]; ok {
		t.Errorf("with an unknown caller the record has a func field %v, want none", f)
	}
}

// callerSkipNest calls itself depth-1 times and then Info: depth frames
// between its caller and the Logger.
func callerSkipNest(l *Logger, depth int, msg string) {
	if depth == 1 {
		l.Info(msg)
		return
	}
	callerSkipNest(l, depth-1, msg)
}

func TestCallerSkipRandomDepth(t *testing.T) {
	depth := 3 + rand.IntN(6)
	l, buf := callerInfoLogger(t, NewConfig().WithCallerSkip(depth))
	c, f := callerInfoHere()
	callerSkipNest(l, depth, "nested")
	records := buf.records(t)
	if len(records) != 1 {
		t.Fatalf("got %d records, want 1", len(records))
	}
	callerInfoCheck(t, fmt.Sprintf("a helper %d frames deep, with WithCallerSkip(%d),", depth, depth), records[0], c, f)
}

func TestCallerSkipFieldAndPC(t *testing.T) {
	// The async mode (lesson 4.4) and the slog handler (lesson 4.5) build on
	// the Logger's caller field and on callerPC, so both are checked here by
	// name.
	for _, on := range []bool{true, false} {
		l, err := New(NewConfig().WithWriter(&callerInfoBuffer{}).WithCaller(on))
		if err != nil {
			t.Fatal(err)
		}
		if l.caller != on {
			t.Errorf("New(WithCaller(%v)) made a Logger whose caller field is %v, want %v: copy cfg.caller into it", on, l.caller, on)
		}
		l.Close()
	}
	if pc := callerPC(1 << 20); pc != 0 {
		t.Errorf("callerPC(1 << 20) = %#x, want 0: a skip deeper than the stack finds no caller", pc)
	}
}
