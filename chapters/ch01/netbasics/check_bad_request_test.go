package netbasics

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// badReqTokenChars are the characters an HTTP method may use (RFC 9110, 5.6.2).
const badReqTokenChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~"

// badReqNotToken are characters a method may not use: separators, controls,
// and a letter outside ASCII. The space is missing on purpose: it splits.
var badReqNotToken = []string{"(", ")", ",", "/", ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]",
	"{", "}", "\"", "\t", "\x00", "\x7f", "é"}

// badReqControls are control characters a target may not hold.
var badReqControls = []string{"\x00", "\x01", "\t", "\r", "\n", "\x1b", "\x1f", "\x7f"}

// badReqPick returns a random element of list.
func badReqPick(list []string) string { return list[rand.IntN(len(list))] }

// badReqMethod returns a random method: a known one, or a made-up token.
func badReqMethod() string {
	if rand.IntN(2) == 0 {
		return badReqPick([]string{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "M-SEARCH", "PURGE"})
	}
	b := make([]byte, 1+rand.IntN(8))
	for i := range b {
		b[i] = badReqTokenChars[rand.IntN(len(badReqTokenChars))]
	}
	return string(b)
}

// badReqTarget returns a random request target without spaces or controls.
func badReqTarget() string {
	switch rand.IntN(4) {
	case 0:
		return "*"
	case 1:
		return "http://example.test/" + badReqPick([]string{"a", "shop/cart", "x?y=1"})
	}
	segs := []string{"users", "42", "caf%C3%A9", "a.b", "~me", "über", "q?page=2&sort=-name", "#top"}
	t := ""
	for range 1 + rand.IntN(3) {
		t += "/" + badReqPick(segs)
	}
	return t
}

// badReqInsert puts piece into s at a random position.
func badReqInsert(s, piece string) string {
	i := rand.IntN(len(s) + 1)
	return s[:i] + piece + s[i:]
}

func TestParseRequestLineAccepts(t *testing.T) {
	type tc struct{ method, target, vers string }
	tests := []tc{
		{"GET", "/", "HTTP/1.1"},
		{"POST", "/users?id=7", "HTTP/1.0"},
		{"OPTIONS", "*", "HTTP/1.1"},
	}
	for range 12 {
		tests = append(tests, tc{badReqMethod(), badReqTarget(), badReqPick([]string{"HTTP/1.0", "HTTP/1.1"})})
	}
	failed := 0
	for _, tt := range tests {
		line := tt.method + " " + tt.target + " " + tt.vers
		m, tg, v, err := ParseRequestLine(line)
		if m == tt.method && tg == tt.target && v == tt.vers && err == nil {
			continue
		}
		if failed++; failed <= 6 {
			t.Errorf("ParseRequestLine(%q) = %q, %q, %q, %v; want %q, %q, %q, nil",
				line, m, tg, v, err, tt.method, tt.target, tt.vers)
		}
	}
	if failed > 6 {
		t.Errorf("... and %d more of the %d good lines were not split right", failed-6, len(tests))
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
		{"GET / HTTP/1.1 ", "a space after the version makes a fourth, empty part"},
	}
	for _, c := range badReqNotToken { // every one of them, somewhere in a method
		tests = append(tests, struct{ line, why string }{
			badReqInsert(badReqMethod(), c) + " / HTTP/1.1",
			fmt.Sprintf("the method holds %q, which is not a token character", c)})
	}
	for _, c := range badReqControls { // every one of them, somewhere in a target
		tests = append(tests, struct{ line, why string }{
			"GET " + badReqInsert(badReqTarget(), c) + " HTTP/1.1",
			fmt.Sprintf("the target holds the control character %q", c)})
	}
	failed := 0
	for _, tt := range tests {
		m, tg, v, err := ParseRequestLine(tt.line)
		if err != nil && errors.Is(err, ErrMalformedRequest) {
			continue
		}
		if failed++; failed > 8 {
			continue // enough examples; the count comes at the end
		}
		if err == nil {
			t.Errorf("ParseRequestLine(%q) = %q, %q, %q, nil; want an error wrapping ErrMalformedRequest: %s",
				tt.line, m, tg, v, tt.why)
		} else {
			t.Errorf("ParseRequestLine(%q) returned %v, want an error wrapping ErrMalformedRequest "+
				"(fmt.Errorf(\"%%w ...\", ErrMalformedRequest, ...)): %s", tt.line, err, tt.why)
		}
	}
	if failed > 8 {
		t.Errorf("... and %d more of the %d malformed lines were accepted or not reported with ErrMalformedRequest",
			failed-8, len(tests))
	}
}

// badReqSplitHead cuts a raw response into its head lines (without their
// "\r\n") and its body, or says what is wrong with the head.
func badReqSplitHead(raw string) (lines []string, body string, problem string) {
	rest := raw
	for {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			return lines, "", fmt.Sprintf("the head never ends with an empty line \"\\r\\n\" (it has %q)", lines)
		}
		line := rest[:i+1]
		rest = rest[i+1:]
		if !strings.HasSuffix(line, "\r\n") {
			return lines, "", fmt.Sprintf("the line %q ends in a bare \"\\n\", want \"\\r\\n\"", line)
		}
		if line == "\r\n" {
			return lines, rest, ""
		}
		lines = append(lines, strings.TrimSuffix(line, "\r\n"))
	}
}

func TestServeHelloBadRequestLine(t *testing.T) {
	bad := []string{
		"HELLO THERE",
		"GET " + badReqTarget() + " HTTP/2.0",
		badReqInsert(badReqMethod(), badReqPick([]string{"(", "@", ":", "{", "\""})) + " / HTTP/1.1",
		"GET /a" + badReqPick([]string{"\x01", "\x1b", "\x7f"}) + "b HTTP/1.1",
		badReqMethod() + "  " + badReqTarget() + " HTTP/1.1",
	}
	line := bad[rand.IntN(len(bad))]
	synctest.Test(t, func(t *testing.T) {
		server, client := net.Pipe()
		defer client.Close()
		done := make(chan error, 1)
		go func() { done <- ServeHello(server) }()

		client.SetDeadline(time.Now().Add(time.Minute)) // fake time: costs nothing
		request := line + "\r\nHost: example.test\r\n\r\n"
		go io.WriteString(client, request)
		rawBytes, err := io.ReadAll(client)
		raw := string(rawBytes)
		if err != nil {
			t.Fatalf("for the request %q, the client read %q and then: %v\n"+
				"answer, then close the connection", request, raw, err)
		}
		lines, body, problem := badReqSplitHead(raw)
		if problem != "" {
			t.Fatalf("for the request line %q, the client read %q: %s", line, raw, problem)
		}
		if lines[0] != "HTTP/1.1 400 Bad Request" {
			t.Errorf("for the request line %q, ServeHello answered with the status line %q, "+
				"want \"HTTP/1.1 400 Bad Request\": check the line with ParseRequestLine before answering",
				line, lines[0])
		}
		length := ""
		for _, h := range lines[1:] {
			if name, value, ok := strings.Cut(h, ":"); ok && strings.EqualFold(name, "Content-Length") {
				length = strings.TrimSpace(value)
			}
		}
		if body != "bad request\n" || length != fmt.Sprint(len(body)) {
			t.Errorf("for the request line %q, ServeHello answered the body %q with Content-Length %q, "+
				"want the body \"bad request\\n\" and Content-Length \"12\"", line, body, length)
		}
		select {
		case err := <-done:
			if !errors.Is(err, ErrMalformedRequest) {
				t.Errorf("for the request line %q, ServeHello returned %v, "+
					"want the error from ParseRequestLine (it wraps ErrMalformedRequest)", line, err)
			}
		case <-time.After(time.Minute):
			t.Errorf("ServeHello had not returned a minute after answering a bad request")
		}
	})
}
