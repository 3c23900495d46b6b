package ws

// The opening handshake, client side (RFC 6455, section 4.1).

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Limits on what Dial reads of a server's answer, so that a hostile or
// broken server cannot make it buffer without end.
const (
	maxResponseHeaderBytes = 64 << 10 // the status line and header fields
	maxErrorBodyBytes      = 64 << 10 // the body of a refusal, kept for the caller
)

// DialOptions configures [Dial]. A nil *DialOptions is the zero value.
type DialOptions struct {
	// Header holds extra request header fields: Origin (sent only if set
	// here), Authorization, Cookie, User-Agent... Fields the handshake owns
	// (Host, Upgrade, Connection, Sec-WebSocket-*) and body fields
	// (Content-*) are ignored; no extension is ever offered.
	Header http.Header

	// Subprotocols lists the subprotocols offered, in the client's order
	// of preference. Each must be an HTTP token.
	Subprotocols []string

	// HandshakeTimeout bounds the dial, the TLS handshake and the HTTP
	// exchange together (DefaultHandshakeTimeout if zero; no bound but
	// ctx's if negative).
	HandshakeTimeout time.Duration

	// ConnOptions configures the Conn Dial returns.
	ConnOptions ConnOptions

	// NetDialContext opens the TCP connection (a net.Dialer's DialContext
	// if nil): set it to go through a proxy, or to dial a test listener.
	NetDialContext func(ctx context.Context, network, addr string) (net.Conn, error)

	// TLSConfig configures wss:// connections. Dial uses a copy, with
	// ServerName set to the URL's host when empty and NextProtos set to
	// http/1.1 (a WebSocket handshake is HTTP/1.1).
	TLSConfig *tls.Config
}

// Dial opens a WebSocket connection to rawURL, "ws://host[:port]/path?query"
// or "wss://…" (TLS); http:// and https:// are taken as ws:// and wss://.
// ctx bounds the dial and the handshake, not the Conn's life.
//
// Dial returns the server's response with the Conn. If the server refuses
// (any status but 101) or its 101 is faulty (no Upgrade: websocket or
// Connection: upgrade, a wrong Sec-WebSocket-Accept, a subprotocol or an
// extension that was not offered), Dial closes the connection and returns
// a [*HandshakeError] and the response, whose Body holds the first 64 KiB
// of what the server sent with it. Other errors (the URL, the network, TLS,
// a malformed response, ctx) come without a response.
func Dial(ctx context.Context, rawURL string, opts *DialOptions) (*Conn, *http.Response, error) {
	if opts == nil {
		opts = &DialOptions{}
	}
	u, err := parseWSURL(rawURL)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range opts.Subprotocols {
		if !isToken(p) {
			return nil, nil, fmt.Errorf("ws: dial: subprotocol %q is not a token", p)
		}
	}
	timeout := opts.HandshakeTimeout
	if timeout == 0 {
		timeout = DefaultHandshakeTimeout
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}

	nc, err := dialNet(ctx, u, opts)
	if err != nil {
		return nil, nil, err
	}
	c, resp, err := handshake(ctx, nc, u, opts)
	if err != nil {
		_ = nc.Close()
		return nil, resp, err
	}
	return c, resp, nil
}

// parseWSURL parses and checks a ws:// or wss:// URL, and gives it a port.
func parseWSURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("ws: dial: %w", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "ws", "http":
		u.Scheme = "ws"
	case "wss", "https":
		u.Scheme = "wss"
	default:
		return nil, fmt.Errorf("ws: dial: %q: the scheme must be ws or wss", rawURL)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("ws: dial: %q has no host", rawURL)
	}
	if u.Fragment != "" || strings.Contains(rawURL, "#") {
		return nil, fmt.Errorf("ws: dial: %q: a WebSocket URL has no fragment", rawURL)
	}
	return u, nil
}

// dialNet opens the TCP connection, and the TLS one over it for wss.
func dialNet(ctx context.Context, u *url.URL, opts *DialOptions) (net.Conn, error) {
	port := u.Port()
	if port == "" {
		port = defaultPort(u.Scheme)
	}
	addr := net.JoinHostPort(u.Hostname(), port)
	dial := opts.NetDialContext
	if dial == nil {
		var d net.Dialer
		dial = d.DialContext
	}
	nc, err := dial(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("ws: dial %s: %w", addr, err)
	}
	if u.Scheme != "wss" {
		return nc, nil
	}
	var cfg *tls.Config
	if opts.TLSConfig != nil {
		cfg = opts.TLSConfig.Clone()
	} else {
		cfg = &tls.Config{}
	}
	if cfg.ServerName == "" {
		cfg.ServerName = u.Hostname()
	}
	cfg.NextProtos = []string{"http/1.1"}
	tc := tls.Client(nc, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		_ = nc.Close()
		return nil, fmt.Errorf("ws: dial %s: TLS: %w", addr, err)
	}
	return tc, nil
}

// handshake sends the upgrade request on nc and checks the answer. The
// caller closes nc on error.
func handshake(ctx context.Context, nc net.Conn, u *url.URL, opts *DialOptions) (*Conn, *http.Response, error) {
	// ctx bounds the exchange: once it is done (canceled or past its
	// deadline), nc gets a deadline in the past, which wakes a blocked
	// Read or Write, and the error reported is ctx's.
	stop := context.AfterFunc(ctx, func() { _ = nc.SetDeadline(time.Unix(1, 0)) })
	ctxErr := func(err error) error {
		if ctx.Err() != nil {
			return fmt.Errorf("ws: handshake: %w", ctx.Err())
		}
		return err
	}

	key := newKey()
	if _, err := nc.Write(requestBytes(u, key, opts)); err != nil {
		stop()
		return nil, nil, ctxErr(fmt.Errorf("ws: writing the handshake request: %w", err))
	}

	// The header is read through a limit, lifted once it is read: br
	// then reads the frames that follow straight from nc.
	lr := &handshakeReader{r: nc, n: maxResponseHeaderBytes}
	br := bufio.NewReader(lr)
	req := &http.Request{Method: http.MethodGet, URL: u}
	resp, err := readResponse(br, req)
	if err != nil {
		stop()
		return nil, nil, ctxErr(fmt.Errorf("ws: reading the handshake response: %w", err))
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		lr.n = maxErrorBodyBytes + 1
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
		resp.Body = io.NopCloser(bytes.NewReader(body))
		stop()
		return nil, resp, &HandshakeError{Status: resp.StatusCode, Reason: "the server did not switch protocols"}
	}
	resp.Body = http.NoBody
	subprotocol, reason := checkResponse(resp, key, opts.Subprotocols)
	if !stop() {
		return nil, nil, ctxErr(ctx.Err())
	}
	if reason != "" {
		return nil, resp, &HandshakeError{Status: resp.StatusCode, Reason: reason}
	}
	if err := nc.SetDeadline(time.Time{}); err != nil {
		return nil, nil, fmt.Errorf("ws: clearing the handshake deadline: %w", err)
	}
	lr.n = -1
	return newConn(nc, br, false, subprotocol, opts.ConnOptions), resp, nil
}

// readResponse reads the server's answer, passing over informational
// responses (103 Early Hints...) other than 101.
func readResponse(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	for range 8 {
		resp, err := http.ReadResponse(br, req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 100 || resp.StatusCode > 199 || resp.StatusCode == http.StatusSwitchingProtocols {
			return resp, nil
		}
	}
	return nil, errors.New("too many informational responses")
}

// checkResponse checks a 101 against the request: it returns the chosen
// subprotocol, or why the response is not a valid handshake.
func checkResponse(resp *http.Response, key string, offered []string) (subprotocol, reason string) {
	if !headerHasToken(resp.Header, "Upgrade", "websocket") {
		return "", "the 101 has no Upgrade: websocket"
	}
	if !headerHasToken(resp.Header, "Connection", "upgrade") {
		return "", "the 101 has no Connection: upgrade"
	}
	if a := resp.Header.Values("Sec-WebSocket-Accept"); len(a) != 1 || strings.TrimSpace(a[0]) != AcceptKey(key) {
		return "", "Sec-WebSocket-Accept does not answer the key"
	}
	if len(headerTokens(resp.Header, "Sec-WebSocket-Extensions")) > 0 {
		return "", "the server accepted an extension that was not offered"
	}
	protos := headerTokens(resp.Header, "Sec-WebSocket-Protocol")
	switch {
	case len(protos) == 0:
		return "", ""
	case len(protos) > 1:
		return "", "the server chose several subprotocols"
	}
	for _, p := range offered {
		if p == protos[0] {
			return p, ""
		}
	}
	return "", "the server chose a subprotocol that was not offered"
}

// requestBytes returns the upgrade request for u with key.
func requestBytes(u *url.URL, key string, opts *DialOptions) []byte {
	var b bytes.Buffer
	b.WriteString("GET ")
	b.WriteString(u.RequestURI())
	b.WriteString(" HTTP/1.1\r\nHost: ")
	b.WriteString(u.Host)
	b.WriteString("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ")
	b.WriteString(key)
	b.WriteString("\r\nSec-WebSocket-Version: 13\r\n")
	if len(opts.Subprotocols) > 0 {
		b.WriteString("Sec-WebSocket-Protocol: ")
		b.WriteString(strings.Join(opts.Subprotocols, ", "))
		b.WriteString("\r\n")
	}
	h := opts.Header
	if u.User != nil && h.Get("Authorization") == "" {
		h = h.Clone()
		if h == nil {
			h = http.Header{}
		}
		pw, _ := u.User.Password()
		h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(u.User.Username()+":"+pw)))
	}
	writeExtraHeader(&b, h)
	b.WriteString("\r\n")
	return b.Bytes()
}

// handshakeReader reads from r at most n bytes, or without limit when n
// is negative: it bounds the response header Dial reads, then stays under
// the Conn's bufio.Reader with no limit.
type handshakeReader struct {
	r io.Reader
	n int64
}

func (h *handshakeReader) Read(p []byte) (int, error) {
	if h.n < 0 {
		return h.r.Read(p)
	}
	if h.n == 0 {
		return 0, errors.New("ws: the handshake response is too large")
	}
	if int64(len(p)) > h.n {
		p = p[:h.n]
	}
	n, err := h.r.Read(p)
	h.n -= int64(n)
	return n, err
}
