package logtar

import (
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
