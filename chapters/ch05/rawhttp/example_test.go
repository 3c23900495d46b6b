package rawhttp_test

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch05/rawhttp"
)

func ExampleReadRequest() {
	raw := "POST /notes?draft=1 HTTP/1.1\r\n" +
		"Host: localhost:8080\r\n" +
		"content-type: text/plain\r\n" +
		"Content-Length: 5\r\n" +
		"\r\n" +
		"hello"
	r, err := rawhttp.ReadRequest(bufio.NewReader(strings.NewReader(raw)), rawhttp.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Method, r.Path, r.RawQuery, r.Proto())
	fmt.Println(r.Host, r.Header.Get("Content-Type"))
	fmt.Printf("%q\n", r.Body)
	// Output:
	// POST /notes draft=1 HTTP/1.1
	// localhost:8080 text/plain
	// "hello"
}

func ExampleReadRequest_refused() {
	raw := "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + strings.Repeat("x", 100) + "\r\n\r\n"
	_, err := rawhttp.ReadRequest(bufio.NewReader(strings.NewReader(raw)), rawhttp.Limits{FieldLine: 64})
	fmt.Println(rawhttp.StatusFor(err), err)
	// Output:
	// 431 rawhttp: request header too large: header field line longer than 64 bytes
}

func ExampleParseRequestLine() {
	rl, err := rawhttp.ParseRequestLine("GET /search?q=go HTTP/1.1")
	fmt.Printf("%+v %v\n", rl, err)
	_, err = rawhttp.ParseRequestLine("GET / HTTP/2.0")
	fmt.Println(err)
	// Output:
	// {Method:GET Target:/search?q=go Major:1 Minor:1} <nil>
	// rawhttp: HTTP version not supported: HTTP/2.0 (this server speaks HTTP/1.x)
}

func ExampleNegotiate() {
	accept := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	fmt.Println(rawhttp.Negotiate(accept, "application/json", "text/html"))
	fmt.Println(rawhttp.Negotiate(accept, "application/json"))
	fmt.Printf("%q\n", rawhttp.Negotiate("image/png", "application/json"))
	// Output:
	// text/html
	// application/json
	// ""
}

func ExampleParseCookies() {
	for _, c := range rawhttp.ParseCookies(`theme=dark; sid="38afes7a8"; broken`) {
		fmt.Printf("%s=%s\n", c.Name, c.Value)
	}
	// Output:
	// theme=dark
	// sid=38afes7a8
}

func ExampleSetCookie() {
	h := rawhttp.Header{}
	err := rawhttp.SetCookie(h, rawhttp.Cookie{Name: "sid", Value: "38afes7a8", Path: "/", MaxAge: 3600, HttpOnly: true, SameSite: "Lax"})
	fmt.Println(h.Get("Set-Cookie"), err)
	err = rawhttp.SetCookie(h, rawhttp.Cookie{Name: "sid", Value: "x\r\nLocation: https://evil.example"})
	fmt.Println(err != nil, len(h.Values("Set-Cookie")))
	// Output:
	// sid=38afes7a8; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax <nil>
	// true 1
}

func ExampleParseUserAgent() {
	ua := "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
	for _, p := range rawhttp.ParseUserAgent(ua) {
		fmt.Println(p, p.Comments)
	}
	// Output:
	// Mozilla/5.0 [X11; Linux x86_64; rv:128.0]
	// Gecko/20100101 []
	// Firefox/128.0 []
}

func ExampleStatusFor() {
	_, err := rawhttp.ParseRequestLine("GET /index.html")
	code := rawhttp.StatusFor(err)
	fmt.Println(code, rawhttp.StatusText(code))
	// Output:
	// 400 Bad Request
}
