package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// running is the whole program, started by startRun.
type running struct {
	public, admin string      // host:port of the two listeners
	stderr        *syncBuffer // the log and the shutdown's progress
	stop          context.CancelFunc
	finished      chan struct{} // closed when run has returned err
	err           error
}

// startRun starts run with args and the two listeners on free loopback
// ports, and returns once it listens. The test's end stops it and waits
// for it, before the test's earlier temporary directories are removed.
func startRun(t *testing.T, args ...string) *running {
	t.Helper()
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) }) // run sets it
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdout := io.Pipe()
	r := &running{stderr: &syncBuffer{}, stop: cancel, finished: make(chan struct{})}
	args = append([]string{"-addr", "127.0.0.1:0", "-admin", "127.0.0.1:0"}, args...)
	go func() {
		r.err = run(ctx, args, stdout, r.stderr)
		stdout.Close()
		close(r.finished)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.finished:
		case <-time.After(hang):
			t.Errorf("run did not return within %v of the shutdown", hang)
		}
	})
	lines := make(chan []string, 1)
	go func() {
		br := bufio.NewReader(stdoutR)
		var got []string
		for range 2 {
			l, err := br.ReadString('\n')
			if err != nil {
				break
			}
			got = append(got, strings.TrimSpace(l))
		}
		lines <- got
		io.Copy(io.Discard, br)
	}()
	select {
	case got := <-lines:
		if len(got) != 2 {
			t.Fatalf("run printed %q, want the two addresses; stderr:\n%s", got, r.stderr)
		}
		r.public = strings.TrimPrefix(got[0], "listening on http://")
		r.admin = strings.TrimPrefix(got[1], "admin on http://")
	case <-r.finished:
		t.Fatalf("run returned before listening: %v\n%s", r.err, r.stderr)
	case <-time.After(hang):
		t.Fatalf("run did not listen within %v", hang)
	}
	return r
}

// wait returns run's result.
func (r *running) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-r.finished:
		return r.err
	case <-time.After(hang):
		t.Fatalf("run did not return within %v of the shutdown:\n%s", hang, r.stderr)
		return nil
	}
}

// TestGracefulShutdown stops the program, as SIGTERM would, with a request
// in flight and a websocket open, and checks the order of the issue: the
// listener refuses new connections, readiness fails, the request in
// flight completes, the websocket is closed with 1001, every log record
// is written, and the database is closed.
func TestGracefulShutdown(t *testing.T) {
	dir := t.TempDir()
	r := startRun(t, "-dir", dir, "-shutdown-timeout", hang.String())

	// A websocket, in the room and answering.
	m := dialRoom(t, "ws://"+r.public+"/rooms/lobby")
	m.say("ping")
	m.expect("ping")

	// A request in flight: its handler is running, reading the body, once
	// the server has asked for the body with 100 Continue.
	conn, err := net.Dial("tcp", r.public)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(hang))
	body := `{"text":"written during the shutdown"}`
	fmt.Fprintf(conn, "POST /notes HTTP/1.1\r\nHost: app\r\nContent-Type: application/json\r\n"+
		"Content-Length: %d\r\nExpect: 100-continue\r\ntraceparent: %s\r\n\r\n", len(body), callerTraceparent)
	br := bufio.NewReader(conn)
	res, err := http.ReadResponse(br, nil)
	if err != nil || res.StatusCode != http.StatusContinue {
		t.Fatalf("want 100 Continue: %v %v", res, err)
	}

	r.stop() // SIGTERM
	r.stderr.waitFor(t, `msg="shutdown stage done" stage="fail readiness"`)

	// The listener is closed, and the probes say so on the admin one.
	if c, err := net.Dial("tcp", r.public); err == nil {
		c.Close()
		t.Error("the public listener still accepts connections during the shutdown")
	}
	ready, err := http.Get("http://" + r.admin + "/readyz")
	if err != nil {
		t.Fatalf("/readyz during the shutdown: %v", err)
	}
	readyBody, _ := io.ReadAll(ready.Body)
	ready.Body.Close()
	if ready.StatusCode != http.StatusServiceUnavailable || !bytes.Contains(readyBody, []byte(`"draining"`)) {
		t.Errorf("/readyz during the shutdown: %d %s, want 503 draining", ready.StatusCode, readyBody)
	}
	if strings.Contains(r.stderr.String(), `stage="drain`) {
		t.Fatal("the drain ended with a request in flight")
	}

	// The request in flight completes.
	io.WriteString(conn, body)
	res, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("the request in flight: %v", err)
	}
	var note Note
	json.NewDecoder(res.Body).Decode(&note)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || note.ID == "" {
		t.Fatalf("the request in flight: %d %+v, want 201 and the note", res.StatusCode, note)
	}
	if !res.Close {
		t.Error("the response in flight does not close its connection (Connection: close)")
	}

	// The websocket is closed with 1001, going away.
	if code := m.closeCode(); code != ws.CloseGoingAway {
		t.Errorf("websocket closed with %d, want %d", code, ws.CloseGoingAway)
	}
	if err := r.wait(t); err != nil {
		t.Fatalf("run: %v\n%s", err, r.stderr)
	}

	// The stages ran, in the order, each once.
	out := r.stderr.String()
	last := -1
	for _, stage := range []string{`stage="stop accepting`, `stage="fail readiness"`, `stage="drain`,
		"stage=websockets", "stage=logs", "stage=database", "stage=admin"} {
		i := strings.Index(out, `msg="shutdown stage done" `+stage)
		if i < 0 {
			t.Errorf("no record of a successful stage %s in:\n%s", stage, out)
			continue
		}
		if i < last {
			t.Errorf("stage %s ran out of order:\n%s", stage, out)
		}
		last = i
	}

	// Every record reached the log, the last ones written during the
	// shutdown included.
	recs := records(t, out)
	post := find(recs, "msg", "request", "method", "POST", "route", "/notes")
	if len(post) != 1 || post[0]["status"] != float64(http.StatusCreated) || post[0]["trace_id"] != callerTraceID {
		t.Errorf("access records of the request in flight: %v, want one, 201, trace %s", post, callerTraceID)
	}
	room := find(recs, "msg", "request", "route", "/rooms/{room}")
	if len(room) != 1 || room[0]["status"] != float64(http.StatusSwitchingProtocols) {
		t.Errorf("access records of the websocket: %v, want one with status 101", room)
	}
	for _, msg := range []string{"listening", "note created", "rooms: join", "rooms: leave", "shutting down"} {
		if len(find(recs, "msg", msg)) != 1 {
			t.Errorf("the log lacks the record %q:\n%s", msg, out)
		}
	}

	// The database was closed (its lock is free) with the note on disk.
	store, err := db.Open(dir, db.Options{})
	if err != nil {
		t.Fatalf("reopening the database: %v", err)
	}
	defer store.Close()
	if _, err := store.Get(note.ID); err != nil {
		t.Errorf("the note written during the shutdown: %v", err)
	}
}

// TestRunFlags: bad command lines are refused, not served.
func TestRunFlags(t *testing.T) {
	var out, errs bytes.Buffer
	for _, args := range [][]string{{"extra"}, {"-nope"}, {"-shutdown-timeout", "soon"}} {
		if err := run(t.Context(), args, &out, &errs); err == nil {
			t.Errorf("run %q succeeded", args)
		}
	}
}

// TestRunAddressTaken: a listener that cannot be had is an error, and
// what was opened before it is closed again.
func TestRunAddressTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	var out, errs bytes.Buffer
	err = run(t.Context(), []string{"-addr", "127.0.0.1:0", "-admin", ln.Addr().String(), "-dir", dir}, &out, &errs)
	if err == nil {
		t.Fatal("run on a taken admin address succeeded")
	}
	store, err := db.Open(dir, db.Options{})
	if err != nil {
		t.Fatalf("the database was left open: %v", err)
	}
	store.Close()
}

// TestRunListeners: the profiler is on the admin listener, for this
// loopback client, and not on the public one; the admin listener serves
// the metrics and the probes.
func TestRunListeners(t *testing.T) {
	r := startRun(t, "-dir", t.TempDir())
	for _, c := range []struct {
		url, contains string
		want          int
	}{
		{"http://" + r.public + "/debug/pprof/", "", http.StatusNotFound},
		{"http://" + r.public + "/metrics", "", http.StatusNotFound},
		{"http://" + r.admin + "/debug/pprof/cmdline", "app", http.StatusOK},
		{"http://" + r.admin + "/metrics", "go_goroutines ", http.StatusOK},
		{"http://" + r.admin + "/livez", `"ok"`, http.StatusOK},
		{"http://" + r.admin + "/readyz", `"database":{"status":"ok"}`, http.StatusOK},
	} {
		res, err := http.Get(c.url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != c.want || !bytes.Contains(body, []byte(c.contains)) {
			t.Errorf("GET %s: %d %.200q, want %d with %q", c.url, res.StatusCode, body, c.want, c.contains)
		}
	}
	r.stop()
	if err := r.wait(t); err != nil {
		t.Errorf("run: %v", err)
	}
}
