package bookweb

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// runLog is a writer the server's goroutines and the test share.
type runLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *runLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *runLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func TestRunServesUntilTheContextEnds(t *testing.T) {
	mem, idx := loadBookDir(t, 2)
	dir := t.TempDir()
	for name, f := range mem {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var log runLog
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Book: dir, Addr: "127.0.0.1:0", Log: &log, Ready: func(a string) { ready <- a }})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("Run returned before listening: %v", err)
	case <-time.After(20 * time.Second): // hang protection only
		t.Fatal("Run neither called Ready nor returned within 20s")
	}
	page := idx.Pages[1].URL
	resp, err := http.Get("http://" + addr + "/" + page)
	if err != nil {
		t.Fatalf("GET /%s: %v", page, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "body of "+page) {
		t.Errorf("GET /%s = %d, want 200 with the page", page, resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after the context ended = %v, want nil (a clean shutdown)", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return within 20s of its context ending")
	}
	if !strings.Contains(log.String(), "/"+page) {
		t.Errorf("the log written to Config.Log =\n%s\nwant the access record of GET /%s (through logtar)", log.String(), page)
	}
}

func TestRunRefusesABadBook(t *testing.T) {
	called := false
	err := Run(t.Context(), Config{Book: t.TempDir(), Addr: "127.0.0.1:0", Log: io.Discard, Ready: func(string) { called = true }})
	if err == nil || !strings.Contains(err.Error(), "book.json") || called {
		t.Errorf("Run on an empty folder = %v (listened: %v); want an error naming book.json, before listening", err, called)
	}
}
