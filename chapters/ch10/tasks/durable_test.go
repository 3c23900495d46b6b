package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestIfMatchRace sends many PUTs with the same If-Match at once: exactly
// one may win, the others must see 412. Without the app's per-task lock,
// two of them could read revision 1 together and both write revision 2.
func TestIfMatchRace(t *testing.T) {
	ts := newTestServer(t, "")
	task := ts.create(`{"title":"contended"}`)
	const n = 16
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			codes[i] = ts.do("PUT", "/tasks/"+task.ID, fmt.Sprintf(`{"title":"writer %d"}`, i),
				"If-Match", `"1"`).status
		})
	}
	wg.Wait()
	won := 0
	for _, c := range codes {
		switch c {
		case 200:
			won++
		case 412:
		default:
			t.Errorf("status %d", c)
		}
	}
	if won != 1 {
		t.Errorf("%d PUTs won, want 1: %v", won, codes)
	}
	if got := decodeTask(t, ts.do("GET", "/tasks/"+task.ID, "").body); got.Rev != 2 {
		t.Errorf("rev %d, want 2", got.Rev)
	}
}

// TestRestart writes through the API, closes the database, reopens it in
// a new server and finds every write: the created, the replaced, and the
// deleted gone.
func TestRestart(t *testing.T) {
	ts := newTestServer(t, "")
	var kept []Task
	for i := range 20 {
		kept = append(kept, ts.create(fmt.Sprintf(`{"title":"task %d"}`, i)))
	}
	kept[3] = decodeTask(t, ts.do("PUT", "/tasks/"+kept[3].ID, `{"title":"changed","status":"done"}`).body)
	gone := kept[5]
	if res := ts.do("DELETE", "/tasks/"+gone.ID, ""); res.status != 204 {
		t.Fatalf("DELETE: %d", res.status)
	}
	kept = append(kept[:5], kept[6:]...)
	ts.close()

	ts = newTestServer(t, ts.dir)
	for _, want := range kept {
		res := ts.do("GET", "/tasks/"+want.ID, "")
		if res.status != 200 || decodeTask(t, res.body) != want {
			t.Errorf("after restart %s: %d %s, want %+v", want.ID, res.status, res.body, want)
		}
	}
	problemOf(t, ts.do("GET", "/tasks/"+gone.ID, ""), 404)
	// New ids still sort after the old ones (the clock has moved on).
	if next := ts.create(`{"title":"after"}`); next.ID <= kept[len(kept)-1].ID {
		t.Errorf("id %s after restart sorts before %s", next.ID, kept[len(kept)-1].ID)
	}
}

// TestRun starts the whole program, serves a request, stops it as a
// signal would, and checks that it closed the database: another Open of
// the directory succeeds only once the lock is released.
func TestRun(t *testing.T) {
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) }) // run sets it
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	stdoutR, stdout := io.Pipe()
	var logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-dir", dir + "/data"}, stdout, &logs)
	}()
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdoutR).ReadString('\n')
		line <- l
	}()
	var addr string
	select {
	case l := <-line:
		addr = strings.TrimPrefix(strings.TrimSpace(l), "listening on ")
	case err := <-done:
		t.Fatalf("run returned before listening: %v", err)
	}
	res, err := http.Post(addr+"/tasks", "application/json", strings.NewReader(`{"title":"from run"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("POST: %d", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, want := range []string{`"msg":"request","method":"POST","route":"/tasks"`, `"status":201`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %s:\n%s", want, logs.String())
		}
	}
	ts := newTestServer(t, dir+"/data") // fails if run left the database open
	if n := ts.store.Len(); n != 1 {
		t.Errorf("%d tasks after run, want 1", n)
	}
}

func TestRunFlags(t *testing.T) {
	var out, errs bytes.Buffer
	if err := run(t.Context(), []string{"extra"}, &out, &errs); err == nil {
		t.Error("run with an argument succeeded")
	}
	if err := run(t.Context(), []string{"-nope"}, &out, &errs); err == nil {
		t.Error("run with an unknown flag succeeded")
	}
}

// syncBuffer is a bytes.Buffer that run's goroutine writes while the test
// may read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
