package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/slogtest"
)

// opsLogParent returns a Parent with random, valid ids.
func opsLogParent() Parent {
	var p Parent
	for !p.IsValid() {
		for i := range p.TraceID {
			p.TraceID[i] = byte(rand.IntN(256))
		}
		for i := range p.SpanID {
			p.SpanID[i] = byte(rand.IntN(256))
		}
	}
	return p
}

// opsJSONLogger returns a logger writing JSON lines through LogHandler
// into the returned buffer.
func opsJSONLogger() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(LogHandler(slog.NewJSONHandler(&buf, nil))), &buf
}

// opsLastLine decodes the last JSON line of buf.
func opsLastLine(t *testing.T, buf *bytes.Buffer) (map[string]any, string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	line := lines[len(lines)-1]
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatalf("the log line %q is not JSON: %v", line, err)
	}
	return m, line
}

func TestOpsLogHandlerAddsIDs(t *testing.T) {
	for range 20 {
		logger, buf := opsJSONLogger()
		p := opsLogParent()
		ctx := NewContext(context.Background(), p, "")
		n := rand.IntN(1000)
		logger.InfoContext(ctx, "order placed", "n", n)
		m, line := opsLastLine(t, buf)
		if m["trace_id"] != p.TraceIDString() || m["span_id"] != p.SpanIDString() {
			t.Fatalf("InfoContext(ctx with span %s) wrote %s, want \"trace_id\":%q and \"span_id\":%q", p, line, p.TraceIDString(), p.SpanIDString())
		}
		if m["n"] != float64(n) || m["msg"] != "order placed" {
			t.Fatalf("InfoContext wrote %s, want the record's own message and attributes too", line)
		}
		for _, c := range []struct {
			ctx  context.Context
			what string
		}{{context.Background(), "a context without a span"}, {nil, "no context"}} {
			logger.Log(c.ctx, slog.LevelInfo, "plain")
			if m, line := opsLastLine(t, buf); m["trace_id"] != nil || m["span_id"] != nil {
				t.Fatalf("a record with %s wrote %s, want no trace_id or span_id", c.what, line)
			}
		}
	}
}

func TestOpsLogHandlerIDsAtTopLevel(t *testing.T) {
	for range 20 {
		logger, buf := opsJSONLogger()
		p := opsLogParent()
		g1, g2 := fmt.Sprintf("g%d", rand.IntN(100)), fmt.Sprintf("h%d", rand.IntN(100))
		a, b, c := rand.IntN(100), rand.IntN(100), rand.IntN(100)
		l := logger.With("a", a).WithGroup(g1).With("b", b)
		if rand.IntN(2) == 0 {
			l = l.WithGroup(g2)
		} else {
			g2 = ""
		}
		l.InfoContext(NewContext(context.Background(), p, ""), "m", "c", c)
		m, line := opsLastLine(t, buf)
		if m["trace_id"] != p.TraceIDString() || m["span_id"] != p.SpanIDString() {
			t.Fatalf("a logger made by WithGroup(%q) wrote %s, want trace_id %s and span_id %s at the top level, not inside the group: make the handler again from base, with the ids, then the steps",
				g1, line, p.TraceIDString(), p.SpanIDString())
		}
		group, _ := m[g1].(map[string]any)
		inner := group
		if g2 != "" {
			inner, _ = group[g2].(map[string]any)
		}
		if m["a"] != float64(a) || group == nil || group["b"] != float64(b) || inner == nil || inner["c"] != float64(c) {
			t.Fatalf("With(a).WithGroup(%q).With(b)... wrote %s, want a at the top level, b in %s and c in the innermost group: replay every step, in order", g1, line, g1)
		}
	}
}

func TestOpsLogHandlerOneTraceID(t *testing.T) {
	p := opsLogParent()
	ctx := NewContext(context.Background(), p, "")
	logger, buf := opsJSONLogger()
	given := fmt.Sprintf("given-%d", rand.IntN(1000))
	cases := []struct {
		log  func()
		what string
	}{
		{func() { logger.With("trace_id", given).InfoContext(ctx, "m") }, "a logger made by With(\"trace_id\", ...)"},
		{func() { logger.With("trace_id", given).WithGroup("g").InfoContext(ctx, "m", "x", 1) }, "a logger made by With(\"trace_id\", ...).WithGroup(\"g\")"},
		{func() { logger.InfoContext(ctx, "m", "trace_id", given) }, "a record with its own trace_id"},
	}
	for _, c := range cases {
		c.log()
		m, line := opsLastLine(t, buf)
		if n := strings.Count(line, `"trace_id"`); n != 1 || m["trace_id"] != given {
			t.Fatalf("%s wrote %s: %d trace_id keys, want one, %q: leave a record that has its trace_id alone", c.what, line, n, given)
		}
	}
}

func TestOpsLogHandlerIsAHandler(t *testing.T) {
	var buf bytes.Buffer
	h := LogHandler(slog.NewJSONHandler(&buf, nil))
	results := func() []map[string]any {
		var ms []map[string]any
		for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				t.Fatalf("the log line %q is not JSON: %v", line, err)
			}
			ms = append(ms, m)
		}
		return ms
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Fatalf("LogHandler(a JSON handler) breaks the slog.Handler rules (testing/slogtest): %v", err)
	}
}
