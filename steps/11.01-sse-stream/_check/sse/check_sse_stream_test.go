package sse

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// hsStreamWait bounds every wait of these tests: only a hang reaches it.
const hsStreamWait = 10 * time.Second

// hsStreamServer serves Stream with the events of the channel it returns,
// and reports what Stream returned on done. end closes the channel, once.
func hsStreamServer(t *testing.T) (url string, events chan Event, done chan error, end func()) {
	t.Helper()
	events = make(chan Event)
	done = make(chan error, 1)
	end = sync.OnceFunc(func() { close(events) })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done <- Stream(w, r, events)
	}))
	t.Cleanup(func() {
		// Close waits for the handler: bound the wait, so that a Stream
		// that never returns fails the test instead of hanging it.
		end()
		closed := make(chan struct{})
		go func() { srv.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(hsStreamWait):
			t.Errorf("the test server could not shut down within %v: Stream is still running", hsStreamWait)
		}
	})
	return srv.URL, events, done, end
}

// hsReadEvent reads one event (up to its blank line) from br, or fails the
// test if it does not come.
func hsReadEvent(t *testing.T, br *bufio.Reader, what string) string {
	t.Helper()
	type result struct {
		s   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var b strings.Builder
		for {
			line, err := br.ReadString('\n')
			b.WriteString(line)
			if err != nil || line == "\n" {
				ch <- result{b.String(), err}
				return
			}
		}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			t.Fatalf("reading %s: the stream ended (%v) after %q: Stream must keep the response open and write each event it receives", what, r.err, r.s)
		}
		return r.s
	case <-time.After(hsStreamWait):
		t.Fatalf("%s did not reach the client within %v: flush after each event (http.NewResponseController(w).Flush()), or net/http keeps it in its buffer", what, hsStreamWait)
	}
	return ""
}

// hsSend hands e to Stream, or fails if Stream does not take it.
func hsSend(t *testing.T, events chan<- Event, done <-chan error, e Event) {
	t.Helper()
	select {
	case events <- e:
	case err := <-done:
		t.Fatalf("Stream returned %v with its channel still open and the client still there: it must send every event until the channel is closed", err)
	case <-time.After(hsStreamWait):
		t.Fatalf("Stream did not receive event %q within %v: it must read the channel until it is closed", e.ID, hsStreamWait)
	}
}

// hsStreamResult waits for what Stream returned.
func hsStreamResult(t *testing.T, done <-chan error, why string) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(hsStreamWait):
		t.Fatalf("Stream did not return within %v %s", hsStreamWait, why)
	}
	return nil
}

func TestHsStreamFlushesEachEvent(t *testing.T) {
	url, events, done, end := hsStreamServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*hsStreamWait)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		select {
		case err := <-done:
			t.Fatalf("Stream returned %v before sending a response header: send it at once, with a Flush", err)
		default:
		}
		t.Fatalf("GET %s: %v: Stream must send the response header at once (Flush it) so that the client knows the stream is open", url, err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type = %q, want text/event-stream", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Fatalf("Cache-Control = %q, want no-cache: a proxy must not keep the stream", cc)
	}
	br := bufio.NewReader(resp.Body)
	n := 3 + rand.IntN(5)
	for i := range n {
		e := Event{ID: fmt.Sprint(rand.IntN(1e6)), Name: "tick", Data: fmt.Sprintf("event %d of %d", i+1, n)}
		hsSend(t, events, done, e)
		got := hsReadEvent(t, br, fmt.Sprintf("event %d of %d", i+1, n))
		var want strings.Builder
		_ = WriteEvent(&want, e)
		if got != want.String() {
			t.Fatalf("event %d of %d reached the client as %q, want %q (what WriteEvent writes)", i+1, n, got, want.String())
		}
	}
	end()
	if err := hsStreamResult(t, done, "after its channel was closed"); err != nil {
		t.Fatalf("Stream returned %v after its channel was closed, want nil", err)
	}
}

func TestHsStreamStopsWhenClientLeaves(t *testing.T) {
	url, events, done, _ := hsStreamServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*hsStreamWait)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v: Stream must send the response header at once (Flush it)", url, err)
	}
	e := Event{ID: fmt.Sprint(rand.IntN(1e6)), Data: "hello"}
	hsSend(t, events, done, e)
	hsReadEvent(t, bufio.NewReader(resp.Body), "the first event")

	cancel() // the client goes away; the channel stays open
	resp.Body.Close()
	err = hsStreamResult(t, done, "after the client went away: select on r.Context().Done() beside the channel")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Stream returned %v after the client went away, want r.Context().Err() (context.Canceled)", err)
	}
}

// hsNoFlushWriter hides the Flush of the writer it wraps, and has no
// Unwrap: nothing can flush through it.
type hsNoFlushWriter struct {
	w http.ResponseWriter
}

func (w hsNoFlushWriter) Header() http.Header         { return w.w.Header() }
func (w hsNoFlushWriter) Write(p []byte) (int, error) { return w.w.Write(p) }
func (w hsNoFlushWriter) WriteHeader(code int)        { w.w.WriteHeader(code) }

func TestHsStreamCannotFlush(t *testing.T) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/events", nil)
	events := make(chan Event, 1)
	events <- Event{Data: "never sent"}
	done := make(chan error, 1)
	go func() { done <- Stream(hsNoFlushWriter{rec}, req, events) }()
	err := hsStreamResult(t, done, "for a writer that cannot flush: find out at once, before the first event")
	if !errors.Is(err, http.ErrNotSupported) {
		t.Fatalf("Stream on a writer that cannot flush = %v, want an error wrapping http.ErrNotSupported (what ResponseController.Flush returns)", err)
	}
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("Stream on a writer that cannot flush answered %d, want 500", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "never sent") {
		t.Fatalf("Stream on a writer that cannot flush wrote an event (%q): refuse before reading the channel", rec.Body.String())
	}
}
