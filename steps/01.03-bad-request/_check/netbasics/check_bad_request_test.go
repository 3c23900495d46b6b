package netbasics

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"testing/synctest"
	"time"
)

func TestParseRequestLineAccepts(t *testing.T) {
	tests := []struct {
		line                 string
		method, target, vers string
	}{
		{"GET / HTTP/1.1", "GET", "/", "HTTP/1.1"},
		{"POST /users?id=7 HTTP/1.0", "POST", "/users?id=7", "HTTP/1.0"},
		{"OPTIONS * HTTP/1.1", "OPTIONS", "*", "HTTP/1.1"},
		{"GET http://example.test/a HTTP/1.1", "GET", "http://example.test/a", "HTTP/1.1"},
	}
	for _, tt := range tests {
		m, tg, v, err := ParseRequestLine(tt.line)
		if m != tt.method || tg != tt.target || v != tt.vers || err != nil {
			t.Errorf("ParseRequestLine(%q) = %q, %q, %q, %v; want %q, %q, %q, nil",
				tt.line, m, tg, v, err, tt.method, tt.target, tt.vers)
		}
	}
}

func TestParseRequestLineRejects(t *testing.T) {
	tests := []struct {
		line, why string
	}{
		{"", "an empty line"},
		{"GET /", "the version is missing"},
		{"GET", "target and version are missing"},
		{"GET / HTTP/1.1 extra", "there are four parts"},
		{"GET  / HTTP/1.1", "two spaces make an empty part"},
		{" / HTTP/1.1", "the method is empty"},
		{"GET / HTTP/2.0", "HTTP/2 is not a text protocol"},
		{"GET / http/1.1", "the version is case-sensitive"},
		{"GET / HTTP/1.1\r", "the line ending was not removed"},
	}
	for _, tt := range tests {
		m, tg, v, err := ParseRequestLine(tt.line)
		switch {
		case err == nil:
			t.Errorf("ParseRequestLine(%q) = %q, %q, %q, nil; want an error wrapping ErrMalformedRequest: %s",
				tt.line, m, tg, v, tt.why)
		case !errors.Is(err, ErrMalformedRequest):
			t.Errorf("ParseRequestLine(%q) returned %v, want an error wrapping ErrMalformedRequest "+
				"(fmt.Errorf(\"%%w ...\", ErrMalformedRequest, ...))", tt.line, err)
		}
	}
}

func TestServeHelloBadRequestLine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		defer client.Close()
		done := make(chan error, 1)
		go func() { done <- ServeHello(server) }()

		client.SetDeadline(time.Now().Add(time.Minute)) // fake time: costs nothing
		go io.WriteString(client, "HELLO THERE\r\nHost: example.test\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(client), nil)
		if err != nil {
			t.Fatalf("for the request line \"HELLO THERE\", the client could not read a response: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("for the request line \"HELLO THERE\", ServeHello answered %q, want \"400 Bad Request\": "+
				"check the line with ParseRequestLine before answering", resp.Status)
		}
		select {
		case err := <-done:
			if !errors.Is(err, ErrMalformedRequest) {
				t.Errorf("for the request line \"HELLO THERE\", ServeHello returned %v, "+
					"want the error from ParseRequestLine (it wraps ErrMalformedRequest)", err)
			}
		case <-time.After(time.Minute):
			t.Errorf("ServeHello had not returned a minute after answering a bad request")
		}
	})
}
