package netbasics_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch01/netbasics"
)

func ExampleEchoOnce() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	done := make(chan error, 1)
	go func() { done <- netbasics.EchoOnce(ln, 5*time.Second) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	fmt.Fprint(conn, "ping\n")
	reply, _ := io.ReadAll(conn) // EchoOnce closes the connection after the echo
	fmt.Printf("%q %v\n", reply, <-done)
	// Output: "ping\n" <nil>
}

func ExampleServeHello() {
	client, server := net.Pipe()
	go netbasics.ServeHello(server)
	go fmt.Fprint(client, "GET / HTTP/1.1\r\nHost: example.test\r\n\r\n")

	br := bufio.NewReader(client)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			break // io.EOF: ServeHello closed the connection
		}
		fmt.Printf("%q\n", line)
	}
	// Output:
	// "HTTP/1.1 200 OK\r\n"
	// "Content-Type: text/plain; charset=utf-8\r\n"
	// "Content-Length: 6\r\n"
	// "Connection: close\r\n"
	// "\r\n"
	// "hello\n"
}

func ExampleParseRequestLine() {
	method, target, version, err := netbasics.ParseRequestLine("GET /index.html HTTP/1.1")
	fmt.Println(method, target, version, err)
	_, _, _, err = netbasics.ParseRequestLine("GET /index.html")
	fmt.Println(err)
	// Output:
	// GET /index.html HTTP/1.1 <nil>
	// netbasics: malformed request line "GET /index.html": want METHOD TARGET VERSION separated by single spaces
}

// mapResolver answers lookups from a map, the way a test fake does.
type mapResolver map[string][]string

func (m mapResolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	if addrs, ok := m[host]; ok {
		return addrs, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func ExampleFirstIPv4() {
	r := mapResolver{"shop.test": {"2001:db8::10", "192.0.2.10"}}
	ip, err := netbasics.FirstIPv4(context.Background(), r, "shop.test")
	fmt.Println(ip, err)
	_, err = netbasics.FirstIPv4(context.Background(), r, "nowhere.test")
	fmt.Println(err)
	// Output:
	// 192.0.2.10 <nil>
	// netbasics: lookup nowhere.test: lookup nowhere.test: no such host
}
