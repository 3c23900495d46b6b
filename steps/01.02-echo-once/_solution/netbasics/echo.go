// Package netbasics is the code of chapter 1: the layers under a web server,
// written by hand so that nothing is hidden.
//
// EchoOnce talks plain TCP, ServeHello speaks just enough HTTP/1.1 for a real
// client to accept its answer, and FirstIPv4 asks a resolver where a host
// lives. None of it is meant for production (net/http does all of it better);
// the point is to see each layer once.
package netbasics

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"time"
)

// EchoOnce accepts one connection from ln, reads one line from it (up to and
// including the first '\n'), writes that line back and closes the connection.
//
// The whole exchange must finish within timeout: EchoOnce puts a deadline on
// the connection, so a client that connects and then says nothing makes it
// return an error wrapping os.ErrDeadlineExceeded instead of waiting forever.
// A client that hangs up before a full line arrives makes it return an error
// wrapping io.EOF.
func EchoOnce(ln net.Listener, timeout time.Duration) error {
	conn, err := ln.Accept()
	if err != nil {
		return fmt.Errorf("netbasics: accept: %w", err)
	}
	defer conn.Close()

	if err := conn.SetDeadline(time.Now().Add(timeout)); err != nil {
		return fmt.Errorf("netbasics: set deadline: %w", err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return fmt.Errorf("netbasics: read line: %w", err)
	}
	if _, err := io.WriteString(conn, line); err != nil {
		return fmt.Errorf("netbasics: write line: %w", err)
	}
	return nil
}
