package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/trace"
)

// hang bounds every wait of these tests: a deadline against hanging, not a
// timing assertion.
const hang = 30 * time.Second

// A caller's traceparent, the W3C recommendation's own example.
const (
	callerTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	callerTraceID     = "4bf92f3577b34da6a3ce929d0e0e4736"
	callerSpanID      = "00f067aa0ba902b7"
)

// testApp is an App on a database in a temporary directory, logging
// through a synchronous logtar into logs.
type testApp struct {
	*App
	db   *db.DB
	logs *syncBuffer
}

func newTestApp(t testing.TB, opts Options) *testApp {
	t.Helper()
	store, err := db.Open(t.TempDir(), db.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	logger, err := logtar.New(logtar.NewConfig().WithWriter(logs).WithAsync(false))
	if err != nil {
		t.Fatal(err)
	}
	opts.DB = store
	opts.Log = slog.New(trace.LogHandler(logger.Handler()))
	ta := &testApp{App: New(opts), db: store, logs: logs}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), hang)
		defer cancel()
		ta.CloseSockets(ctx)
		store.Close()
		logger.Close()
	})
	return ta
}

// do serves one request on h and returns the recorded answer.
func do(h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// records decodes the JSON log lines in s; a line that is not JSON (the
// shutdown's progress, in text) is skipped.
func records(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("a log line is not JSON: %v\n%s", err, line)
		}
		out = append(out, m)
	}
	return out
}

// find returns the records whose attributes have the given values, given
// as key, value pairs.
func find(recs []map[string]any, kv ...any) []map[string]any {
	var out []map[string]any
next:
	for _, r := range recs {
		for i := 0; i+1 < len(kv); i += 2 {
			if r[kv[i].(string)] != kv[i+1] {
				continue next
			}
		}
		out = append(out, r)
	}
	return out
}

// syncBuffer is a bytes.Buffer that the program's goroutines write while
// the test reads it; waitFor waits until it holds a string.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{} // closed and replaced by each Write
	discard bool          // keep nothing (benchmarks)
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.discard {
		return len(p), nil
	}
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor returns once the buffer holds want, and fails the test if it
// does not before the hang deadline.
func (s *syncBuffer) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.NewTimer(hang)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if strings.Contains(s.b.String(), want) {
			s.mu.Unlock()
			return
		}
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("waited %v for %q in:\n%s", hang, want, s.String())
		}
	}
}
