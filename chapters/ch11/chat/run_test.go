package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// TestRun starts the whole program, chats, and stops it as a signal
// would: the socket is closed with 1001 and run returns nil.
func TestRun(t *testing.T) {
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) }) // run sets it
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stdoutR, stdout := io.Pipe()
	var logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, stdout, &logs)
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

	// The test server's helpers, pointed at run's listener.
	ts := &testServer{t: t, srv: &httptest.Server{URL: addr}}
	alice := ts.join("alice", "lobby")
	alice.say("hello")
	alice.expect(TypeMessage, "alice", "hello")

	cancel()
	if code := alice.closeCode(); code != ws.CloseGoingAway {
		t.Errorf("close code %d, want %d", code, ws.CloseGoingAway)
	}
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, want := range []string{`"msg":"request","method":"POST","route":"/login"`,
		`"route":"/ws"`, `"msg":"chat: join"`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %s:\n%s", want, logs.String())
		}
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
