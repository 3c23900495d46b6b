package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestRun runs a short load and checks the report's shape, not its numbers.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, 2, 100*time.Millisecond, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 workers for 100ms", "requests/s on", "p50", "p99.9"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if err := run(&out, 0, time.Second, false); err == nil {
		t.Error("0 workers: no error")
	}
	if err := run(&out, 1, 0, false); err == nil {
		t.Error("0 duration: no error")
	}
}
