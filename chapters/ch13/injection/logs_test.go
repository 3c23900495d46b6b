package injection

import (
	"bytes"
	"encoding/json"
	"log"
	"log/slog"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
)

// forged is a user name that carries a second log line.
const forged = "bob\n2026/12/03 09:00:00 login ok for user=admin from 10.0.0.1"

// escape is a user name that would recolour a terminal showing the log.
const escape = "bob\x1b[2J\x1b[32mall good"

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

func TestLogPrintfForgesALine(t *testing.T) {
	var buf bytes.Buffer
	l := log.New(&buf, "", log.LstdFlags)
	l.Printf("login failed for user=%s", forged)
	got := lines(buf.String())
	if len(got) != 2 || !strings.HasPrefix(got[1], "2026/12/03 09:00:00 login ok for user=admin") {
		t.Fatalf("want a forged second line, got %q", got)
	}

	// %q is the fix for a format string: one line, the newline escaped.
	buf.Reset()
	l.Printf("login failed for user=%q", forged)
	if got := lines(buf.String()); len(got) != 1 || !strings.Contains(got[0], `bob\n2026`) {
		t.Fatalf("with %%q: %q", got)
	}
}

func TestSlogTextHandlerQuotes(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	l.Info("login failed", "user", forged)
	l.Info(forged) // a message built from user input
	l.Info("login failed", forged, 1)
	l.Info("login failed", "user", escape)
	out := buf.String()
	if n := len(lines(out)); n != 4 {
		t.Fatalf("%d lines for 4 records:\n%s", n, out)
	}
	for _, want := range []string{`user="bob\n2026/12/03`, `msg="bob\n2026/12/03`, `"bob\n2026/12/03 09:00:00 login ok for user=admin from 10.0.0.1"=1`, `user="bob\x1b[2J`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("a raw escape byte reached the log")
	}
}

func TestSlogJSONHandlerEscapes(t *testing.T) {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info(forged, "user", forged, forged, escape)
	assertOneJSONLine(t, "slog.JSONHandler", buf.String())
}

func TestLogtarEscapes(t *testing.T) {
	var buf bytes.Buffer
	l, err := logtar.New(logtar.NewConfig().WithWriter(&buf))
	if err != nil {
		t.Fatal(err)
	}
	l.Info(forged, "user", forged, forged, escape)
	slog.New(l.Handler()).Info(forged, "user", forged, forged, escape)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	for _, line := range lines(buf.String()) {
		assertOneJSONLine(t, "logtar", line+"\n")
	}
}

// assertOneJSONLine checks that out is one JSON object whose fields give
// back the user's values exactly, with no raw control byte on the way.
func assertOneJSONLine(t *testing.T, who, out string) {
	t.Helper()
	if n := len(lines(out)); n != 1 || strings.ContainsAny(out[:len(out)-1], "\n\x1b") {
		t.Fatalf("%s wrote %d lines or a raw control byte:\n%q", who, n, out)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("%s: %v in %s", who, err, out)
	}
	if rec["msg"] != forged || rec["user"] != forged || rec[forged] != escape {
		t.Fatalf("%s did not keep the values: %v", who, rec)
	}
}
