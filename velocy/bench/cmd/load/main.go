// Command load is a small HTTP load generator for loopback, for machines
// without wrk. It keeps -c connections busy with GET requests for -d, then
// prints the requests per second in wrk's format ("Requests/sec: N"), so
// load.sh reads either tool the same way.
//
//	load -addr 127.0.0.1:8080 -path / -c 64 -d 10s
//
// It stops after -d or after -n requests, whichever comes first, and only
// talks to the address it is given.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "server `HOST:PORT`")
	path := fs.String("path", "/", "request `path`")
	conns := fs.Int("c", 64, "connections")
	duration := fs.Duration("d", 10*time.Second, "how long to run")
	limit := fs.Int64("n", 50_000_000, "stop after this many requests")
	if err := fs.Parse(args); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("-addr %q: want HOST:PORT", *addr)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-addr %q: only loopback addresses", *addr)
	}
	if *conns < 1 || *duration <= 0 {
		return errors.New("-c and -d must be positive")
	}

	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	request := []byte("GET " + *path + " HTTP/1.1\r\nHost: " + *addr + "\r\n\r\n")
	var count, failures atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := hammer(ctx, *addr, request, &count, *limit); err != nil {
				failures.Add(1)
				fmt.Fprintln(stderr, "load:", err)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	n := count.Load()
	fmt.Fprintf(stdout, "%d requests in %.2fs over %d connections, %d failed connections\n", n, elapsed.Seconds(), *conns, failures.Load())
	fmt.Fprintf(stdout, "Requests/sec: %.2f\n", float64(n)/elapsed.Seconds())
	return nil
}

// hammer sends request over one keep-alive connection, one at a time, until
// ctx is done or the shared count reaches limit. It reads each response's
// status line, headers and Content-Length body, which is all that a
// hello-world server sends.
func hammer(ctx context.Context, addr string, request []byte, count *atomic.Int64, limit int64) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	br := bufio.NewReaderSize(conn, 16<<10)
	for ctx.Err() == nil && count.Load() < limit {
		if _, err := conn.Write(request); err != nil {
			return ignoreDeadline(ctx, err)
		}
		if err := readResponse(br); err != nil {
			return ignoreDeadline(ctx, err)
		}
		count.Add(1)
	}
	return nil
}

func readResponse(br *bufio.Reader) error {
	status, err := br.ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(status, "HTTP/1.1 200") {
		return fmt.Errorf("status %q", strings.TrimSpace(status))
	}
	length := -1
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "Content-Length") {
			length, err = strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return fmt.Errorf("bad Content-Length %q", v)
			}
		}
	}
	if length < 0 {
		return errors.New("no Content-Length in the response")
	}
	_, err = br.Discard(length)
	return err
}

// ignoreDeadline hides the error of a read or write that the end of the
// run interrupted.
func ignoreDeadline(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}
