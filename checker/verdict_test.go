package checker

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestVerdictFields(t *testing.T) {
	pass := NewVerdict("01.01-add", &Result{Status: Passed, Tests: []Test{{Name: "TestAdd", Outcome: "pass"}}, Elapsed: 1500 * time.Millisecond})
	data, _ := json.Marshal(pass)
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	// The field names are the contract: programs read them.
	for _, k := range []string{"version", "step", "status", "passed", "headline", "elapsed_ms"} {
		if _, ok := m[k]; !ok {
			t.Errorf("verdict JSON %s lacks %q", data, k)
		}
	}
	if m["status"] != "passed" || m["passed"] != true || m["elapsed_ms"] != 1500.0 || m["version"] != 1.0 || m["details"] != nil {
		t.Errorf("verdict of a pass = %s", data)
	}

	for st, code := range map[Status]string{Failed: "failed", BuildFailed: "build_failed", Panicked: "panicked", TimedOut: "timed_out", 0: "error"} {
		if got := st.Code(); got != code {
			t.Errorf("%v.Code() = %q, want %q", st, got, code)
		}
	}
	if v := ErrorVerdict("01.01-add", errors.New("no workspace")); v.Status != "error" || v.Passed || v.Headline != "no workspace" {
		t.Errorf("ErrorVerdict = %+v", v)
	}
}

func TestVerdictDetailsAreCapped(t *testing.T) {
	huge := strings.Repeat("é", MaxVerdictDetails) // two bytes each: the cut must not split one
	v := NewVerdict("s", &Result{Status: Failed, Tests: []Test{{Name: "TestX", Outcome: "fail", Output: huge}}})
	if len(v.Details) > MaxVerdictDetails+len("\n…") || !utf8.ValidString(v.Details) || !strings.HasSuffix(v.Details, "…") {
		t.Errorf("details: %d bytes, valid UTF-8 %v, ends %q; want at most %d, valid, marked as cut",
			len(v.Details), utf8.ValidString(v.Details), v.Details[max(0, len(v.Details)-8):], MaxVerdictDetails)
	}
}
