package netbasics

import (
	"bufio"
	"io"
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

func TestServeHelloReadsWholeHead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		defer client.Close()
		done := make(chan error, 1)
		go func() { done <- ServeHello(server) }()

		// A pipe's Write returns only once the other side has read the bytes,
		// so sending the head line by line shows how far ServeHello reads.
		client.SetDeadline(time.Now().Add(time.Minute)) // fake time: costs nothing
		head := []string{"GET /hello HTTP/1.1\r\n", "Host: example.test\r\n", "User-Agent: check\r\n", "\r\n"}
		sent := ""
		for _, line := range head {
			if _, err := io.WriteString(client, line); err != nil {
				t.Fatalf("ServeHello stopped reading the request after %q (sending %q: %v)\n"+
					"read the whole head, line by line, up to and including the blank line that ends it", sent, line, err)
			}
			sent += line
		}

		br := bufio.NewReader(client)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("after the request head, the client could not read a response: %v\n"+
				"the first line must look like \"HTTP/1.1 200 OK\\r\\n\"", err)
		}
		body, err := io.ReadAll(resp.Body)
		switch {
		case err != nil:
			t.Errorf("reading the response body gave %q, then %v: without a Content-Length header the client "+
				"reads the body until the connection closes; send Content-Length and close the connection", body, err)
		case string(body) != "hello\n":
			t.Errorf("the response body is %q, want \"hello\\n\"", body)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("the response status is %q, want \"200 OK\"", resp.Status)
		}
		if _, err := br.ReadByte(); err != io.EOF {
			t.Errorf("after the body, reading from the connection gave %v, want io.EOF: "+
				"ServeHello must close the connection when it is done (defer conn.Close())", err)
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
