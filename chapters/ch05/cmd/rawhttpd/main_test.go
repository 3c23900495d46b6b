package main

import (
	"bufio"
	"context"

	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"time"
)

// start runs rawhttpd with -addr 127.0.0.1:0 until the test ends and returns its address.
func start(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, io.Discard, ready) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run returned %v after shutdown, want nil", err)
		}
	})
	select {
	case addr := <-ready:
		return addr.String()
	case err := <-done:
		t.Fatalf("run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("rawhttpd did not start listening within 10s")
	}
	return ""
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-addr"}, {"-port", "80"}, {"extra"}, {"-addr", "127.0.0.1:notaport"}} {
		if err := run(context.Background(), args, io.Discard, nil); err == nil {
			t.Errorf("run(%q) = nil, want an error", args)
		}
	}
}

func TestThousandRequestsOneConnection(t *testing.T) {
	addr := start(t)
	tr := &http.Transport{MaxConnsPerHost: 1}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	conns := 0
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if !info.Reused {
			conns++
		}
	}}
	for i := range 1000 {
		req, _ := http.NewRequest("GET", "http://"+addr+"/", nil)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != "Hello from rawhttp!\n" {
			t.Fatalf("request %d: %d %q", i, resp.StatusCode, body)
		}
	}
	if conns != 1 {
		t.Errorf("1000 keep-alive requests used %d connections, want 1", conns)
	}
}

func TestMalformedRequestLine(t *testing.T) {
	addr := start(t)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	const sent = "HELLO THERE\r\n\r\n"
	io.WriteString(c, sent)
	got, err := io.ReadAll(c) // ends only when the server closes the connection
	if err != nil {
		t.Fatalf("sent %q, received %q, then %v; want the server to close the connection", sent, got, err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(string(got))), nil)
	if err != nil || resp.StatusCode != 400 || !resp.Close {
		t.Fatalf("sent %q, received %q, want 400 Bad Request with Connection: close", sent, got)
	}
}

func TestPages(t *testing.T) {
	addr := start(t)
	tests := []struct {
		method, path, accept string
		code                 int
		header, body         string
	}{
		{"GET", "/", "", 200, "Content-Type: text/plain; charset=utf-8", "Hello from rawhttp!\n"},
		{"GET", "/nope", "", 404, "", "404 Not Found"},
		{"DELETE", "/", "", 405, "Allow: GET, HEAD", "405"},
		{"GET", "/greet", "application/json", 200, "Content-Type: application/json", `{"greeting":"hello"}`},
		{"GET", "/greet", "image/png", 406, "", "406"},
		{"GET", "/visits", "", 200, "Set-Cookie: visits=1; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax", "visit number 1"},
		{"POST", "/echo", "", 200, "", "POST /echo HTTP/1.1"},
		{"GET", "/ua", "", 200, "", "product Go-http-client/1.1"},
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, "http://"+addr+tt.path, nil)
		if tt.accept != "" {
			req.Header.Set("Accept", tt.accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var head strings.Builder
		resp.Header.Write(&head)
		if resp.StatusCode != tt.code || !strings.Contains(head.String(), tt.header) || !strings.Contains(string(body), tt.body) {
			t.Errorf("%s %s (Accept %q) = %d\n%s\n%q\nwant %d, %q, body with %q", tt.method, tt.path, tt.accept,
				resp.StatusCode, head.String(), body, tt.code, tt.header, tt.body)
		}
	}
}
