package netbasics

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// helloPatience bounds every real-network wait in these checks.
const helloPatience = 5 * time.Second

func TestServeHelloAnswersNetHTTPClient(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1:0: %v", err)
	}
	defer ln.Close()
	served := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			served <- err
			return
		}
		defer conn.Close() // as a server loop would, whatever ServeHello does
		conn.SetDeadline(time.Now().Add(helloPatience))
		served <- ServeHello(conn)
	}()

	client := &http.Client{
		Timeout:   helloPatience,
		Transport: &http.Transport{DisableKeepAlives: true, Proxy: nil},
	}
	url := "http://" + ln.Addr().String() + "/"
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("net/http's client could not GET %s from ServeHello: %v\n"+
			"write a whole response: the status line \"HTTP/1.1 200 OK\\r\\n\", the headers, "+
			"a blank line \"\\r\\n\", then the body", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body of the response: %v\n"+
			"without a Content-Length header the client reads until the connection closes", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET / got status %q, want \"200 OK\"", resp.Status)
	}
	if string(body) != "hello\n" {
		t.Errorf("GET / got body %q, want \"hello\\n\"", body)
	}
	if resp.ContentLength != int64(len("hello\n")) {
		t.Errorf("GET / got Content-Length %d, want %d: send \"Content-Length: 6\\r\\n\" so the client "+
			"knows where the body ends (-1 means the header is missing)", resp.ContentLength, len("hello\n"))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("GET / got Content-Type %q, want \"text/plain; charset=utf-8\"", ct)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("ServeHello returned %v, want nil after answering a GET", err)
		}
	case <-time.After(helloPatience):
		t.Errorf("ServeHello had not returned %v after the client read its answer", helloPatience)
	}
}

// helloHeaders are header lines a client might send; the check sends a random
// number of them, so that reading a fixed number of lines cannot pass.
var helloHeaders = []string{
	"Host: example.test", "User-Agent: check/1.0", "Accept: */*", "Accept-Language: en",
	"X-Request-Id: 7f3a", "Cache-Control: no-cache", "Cookie: a=1; b=2",
}

// helloSplitHead cuts a raw response into its head lines (without their
// "\r\n") and its body. It refuses a line that ends in a bare "\n" and a head
// that never ends, describing the problem for a learner.
func helloSplitHead(raw string) (lines []string, body string, problem string) {
	rest := raw
	for {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			return lines, "", fmt.Sprintf("the head never ends: after the lines %q comes %q; "+
				"end it with an empty line, \"\\r\\n\"", lines, rest)
		}
		line := rest[:i+1]
		rest = rest[i+1:]
		if !strings.HasSuffix(line, "\r\n") {
			return lines, "", fmt.Sprintf("the line %q of the response head ends in a bare \"\\n\": "+
				"HTTP/1.1 ends every line of the head, and the empty line after it, with \"\\r\\n\"", line)
		}
		if line == "\r\n" {
			return lines, rest, ""
		}
		lines = append(lines, strings.TrimSuffix(line, "\r\n"))
	}
}

func TestServeHelloReadsWholeHead(t *testing.T) {
	// Two requests with different numbers of header lines: a ServeHello that
	// reads a fixed number of lines cannot get both right.
	counts := rand.Perm(len(helloHeaders) + 1)[:2]
	for _, n := range counts {
		helloServeHead(t, n)
		if t.Failed() {
			return
		}
	}
}

// helloServeHead sends ServeHello a request head with n header lines, one
// line at a time, and checks the raw bytes of the answer.
func helloServeHead(t *testing.T, n int) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		defer client.Close()
		done := make(chan error, 1)
		go func() { done <- ServeHello(server) }()

		// A pipe's Write returns only once the other side has read the bytes,
		// so sending the head line by line shows how far ServeHello reads.
		client.SetDeadline(time.Now().Add(time.Minute)) // fake time: costs nothing
		head := []string{"GET /hello HTTP/1.1\r\n"}
		for _, i := range rand.Perm(len(helloHeaders))[:n] {
			head = append(head, helloHeaders[i]+"\r\n")
		}
		head = append(head, "\r\n")
		sent := ""
		for _, line := range head {
			if _, err := io.WriteString(client, line); err != nil {
				t.Fatalf("ServeHello stopped reading the request after %q (sending %q: %v)\n"+
					"read the whole head, line by line, up to and including the blank line that ends it; "+
					"the number of header lines varies", sent, line, err)
			}
			sent += line
		}

		// Read the answer as raw bytes, the way any client meets it first.
		rawBytes, err := io.ReadAll(client)
		raw := string(rawBytes)
		switch {
		case err != nil && raw == "":
			t.Fatalf("after the request %q, the client waited a minute and read nothing (%v)\n"+
				"the head ends at the first empty line: stop reading there and answer; "+
				"the number of header lines varies", sent, err)
		case err != nil:
			t.Fatalf("after the request %q, the client read %q and then: %v\n"+
				"ServeHello must close the connection when it is done (defer conn.Close())", sent, raw, err)
		}
		lines, body, problem := helloSplitHead(raw)
		if problem != "" {
			t.Fatalf("after the request %q, the client read %q: %s", sent, raw, problem)
		}
		if lines[0] != "HTTP/1.1 200 OK" {
			t.Errorf("the status line is %q, want \"HTTP/1.1 200 OK\"", lines[0])
		}
		want := map[string]string{
			"content-type":   "text/plain; charset=utf-8",
			"content-length": "6",
			"connection":     "close",
		}
		got := map[string]string{}
		for _, line := range lines[1:] {
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				t.Errorf("the header line %q has no ':', want \"Name: value\"", line)
				continue
			}
			got[strings.ToLower(name)] = strings.TrimSpace(value)
		}
		for _, name := range []string{"content-type", "content-length", "connection"} {
			if got[name] != want[name] {
				t.Errorf("the response head %q has %s %q, want %q", lines, name, got[name], want[name])
			}
		}
		if body != "hello\n" {
			t.Errorf("the response body (after the empty line) is %q, want \"hello\\n\"", body)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("ServeHello returned %v, want nil", err)
			}
		case <-time.After(time.Minute):
			t.Errorf("ServeHello had not returned a minute after the client read its answer")
		}
	})
}
