package bookweb

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"workspace/velocy/ws"
)

// writeBookDir writes the book directory of a checkBook to disk and returns its path.
func writeBookDir(t *testing.T, steps int) (string, []string) {
	t.Helper()
	_, mem, ids := checkBook(t, steps)
	dir := t.TempDir()
	for name, f := range mem {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, ids
}

func TestRunShutsDownInOrder(t *testing.T) {
	book, ids := writeBookDir(t, 3)
	data, gate := t.TempDir(), t.TempDir()
	t.Setenv("BOOKWEB_FAKE_DIR", gate)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Book: book, Data: data, Addr: "127.0.0.1:0", Log: io.Discard,
			Learn: fakeLearn(t, "wait"), Ready: func(a string) { ready <- a }})
	}()
	var base string
	select {
	case a := <-ready:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("Run returned before listening: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not listen within 20s")
	}
	ada := browser(t)
	me := sessionsMe(t, ada, base)
	live := liveDial(t, ada, base)
	type answer struct {
		code int
		body string
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := ada.Post(base+"/check/"+ids[0], "", nil)
		if err != nil {
			answered <- answer{0, err.Error()}
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		answered <- answer{resp.StatusCode, string(body)}
	}()
	for i := 0; ; i++ { // the check command has started
		if _, err := os.Stat(filepath.Join(gate, "started")); err == nil {
			break
		}
		select {
		case a := <-answered:
			t.Fatalf("POST /check answered %d %q without running Config.Learn; Run must check with CommandChecker(cfg.Learn, ...)", a.code, a.body)
		default:
		}
		if i == 3000 {
			t.Fatal("after 30s the check command had not started: Run must check with CommandChecker(cfg.Learn, ...)")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()            // the shutdown begins with a check in flight
	for i := 0; ; i++ { // new connections are refused while the check runs
		c, err := (&http.Client{Timeout: time.Second}).Get(base + "/livez")
		if err != nil {
			break
		}
		c.Body.Close()
		if i == 300 {
			t.Fatal("30s after the context ended, the server still accepted connections; stop accepting first")
		}
		time.Sleep(100 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("Run returned (%v) while a check was in flight; drain the requests first", err)
	default:
	}
	os.WriteFile(filepath.Join(gate, "go"), nil, 0o644) // let the check finish
	var a answer
	select {
	case a = <-answered:
	case <-time.After(30 * time.Second):
		t.Fatal("the check in flight got no answer within 30s of finishing")
	}
	var v Verdict
	if a.code != http.StatusOK || json.Unmarshal([]byte(a.body), &v) != nil || v.Step != ids[0] {
		t.Fatalf("the check in flight during the shutdown = %d %q, want 200 with its verdict", a.code, a.body)
	}
	if got := nextVerdict(t, live); got != v {
		t.Errorf("/live pushed %+v, want the verdict %+v", got, v)
	}
	live.SetReadDeadline(time.Now().Add(20 * time.Second))
	_, _, err := live.ReadMessage()
	var ce *ws.CloseError
	if !errors.As(err, &ce) || ce.Code != 1001 {
		t.Errorf("after the verdict, /live read %v; want a close frame with 1001 (going away): the hub's Shutdown", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after a clean shutdown = %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return within 30s of the check finishing")
	}
	p, err := OpenProgress(data)
	if err != nil {
		t.Fatalf("reopening the progress in Config.Data after Run: %v (close the database in the shutdown)", err)
	}
	defer p.Close()
	if kept, _ := p.Of(me); kept[ids[0]] != v {
		t.Errorf("the progress in Config.Data holds %v, want the verdict of the check that finished during the shutdown", kept)
	}
}

func TestRunRefusesABadDataFolder(t *testing.T) {
	book, _ := writeBookDir(t, 3)
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("not a folder"), 0o644)
	called := false
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	err := Run(ctx, Config{Book: book, Data: file, Addr: "127.0.0.1:0", Log: io.Discard,
		Ready: func(string) { called = true; cancel() }}) // listening is the mistake: stop at once
	if err == nil || called {
		t.Errorf("Run with Config.Data a file = %v (listened: %v), want an error before listening", err, called)
	}
}
