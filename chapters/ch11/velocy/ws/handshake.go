package ws

// The opening handshake, server side (RFC 6455, section 4.2).
//
// A WebSocket connection starts as an HTTP/1.1 GET request that asks to
// switch protocols:
//
//	GET /chat HTTP/1.1
//	Host: example.com
//	Upgrade: websocket
//	Connection: Upgrade
//	Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
//	Sec-WebSocket-Version: 13
//
// and the server agrees with a 101 whose Sec-WebSocket-Accept proves it
// read the key (see [AcceptKey]):
//
//	HTTP/1.1 101 Switching Protocols
//	Upgrade: websocket
//	Connection: Upgrade
//	Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
//
// From then on the TCP connection carries frames, not HTTP. [Upgrader]
// checks the request, takes the connection from net/http (a hijack),
// writes the 101 itself and returns a [Conn]. [Dial], in dial.go, is the
// other side.

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// DefaultHandshakeTimeout bounds a handshake when [Upgrader] or
// [DialOptions] leave HandshakeTimeout at zero.
const DefaultHandshakeTimeout = 30 * time.Second

// Upgrader turns HTTP requests into WebSocket connections. The zero value
// is usable: it accepts requests without an Origin header and same-origin
// ones, offers no subprotocol and uses the default [ConnOptions]. An
// Upgrader may be shared by any number of goroutines, as long as its
// fields are not changed while it is in use.
type Upgrader struct {
	// Subprotocols lists the subprotocols the server speaks, in its order
	// of preference. The first of them that the client offered in
	// Sec-WebSocket-Protocol is chosen; if none was offered, or the list
	// is empty, the response names no subprotocol and Conn.Subprotocol
	// returns "".
	Subprotocols []string

	// Origins lists the cross-origin browser pages allowed to connect, as
	// "scheme://host[:port]": exactly "https://app.example.com", or any
	// subdomain with "https://*.example.com" (not example.com itself). See
	// origin.go for the whole policy. It is ignored when CheckOrigin is
	// set.
	Origins []string

	// CheckOrigin, if set, replaces the origin policy: it returns whether
	// the request may be upgraded, and a false answer refuses it with 403.
	CheckOrigin func(r *http.Request) bool

	// Check, if set, runs once the request is a valid WebSocket handshake
	// and its origin allowed, before the connection is taken: the place to
	// authenticate. An error refuses the upgrade with the status its
	// StatusCode() int method gives (400 to 599), or 403 without one.
	Check func(r *http.Request) error

	// HandshakeTimeout bounds writing the 101 response once the connection
	// is taken (DefaultHandshakeTimeout if zero; no bound if negative).
	// The request itself was read under the http.Server's own timeouts.
	HandshakeTimeout time.Duration

	// ConnOptions configures the connections Upgrade returns.
	ConnOptions ConnOptions
}

// HandshakeError is a refused or failed opening handshake. On the server it
// is the refusal Upgrade already wrote to the client; from [Dial] it says
// what was wrong with the server's answer.
type HandshakeError struct {
	// Status is the HTTP status: the one the server sent the client, or,
	// from Dial, the one the server answered (101 when the 101 itself was
	// faulty).
	Status int
	// Reason says what was wrong, in a few words.
	Reason string
	// Err is the error behind the refusal, if any (the Check hook's).
	Err error
}

// Error returns "ws: handshake: " and the reason, with the status, and the
// error behind it if there is one.
func (e *HandshakeError) Error() string {
	s := fmt.Sprintf("ws: handshake: %s (%d %s)", e.Reason, e.Status, http.StatusText(e.Status))
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// StatusCode returns e.Status, so that error-mapping middleware (velocy's
// middleware.StatusOf) finds the status.
func (e *HandshakeError) StatusCode() int { return e.Status }

// Unwrap returns e.Err.
func (e *HandshakeError) Unwrap() error { return e.Err }

// Upgrade upgrades r with a zero [Upgrader]: same-origin requests and those
// without Origin only, no subprotocol, default options.
func Upgrade(w http.ResponseWriter, r *http.Request) (*Conn, error) {
	var u Upgrader
	return u.Upgrade(w, r)
}

// Upgrade checks that r is a WebSocket handshake the server accepts, takes
// the connection from net/http and answers 101 Switching Protocols on it.
//
// Call Upgrade before writing anything to w. When r is refused, Upgrade
// writes the error response itself (a status and a short plain-text body)
// and returns a [*HandshakeError]; the handler should then just return. Once Upgrade succeeds, w and r must not be used
// any more, and r.Context() ends when the handler returns: the Conn lives
// on its own, and the handler may return while a goroutine serves it.
//
// Headers set on w.Header() before the call (a Set-Cookie, a request ID)
// are sent with the 101, except those that describe a body or the
// handshake itself (Content-*, Transfer-Encoding, Connection, Upgrade,
// Sec-WebSocket-*). Headers that middleware would add only when the
// response is written (at WriteHeader) are not sent, because a hijacked
// connection has no WriteHeader.
//
// The connection is taken with [http.ResponseController], so Upgrade works
// through middleware whose writer has an Unwrap method. net/http clears
// the server's read and write deadlines (ReadTimeout, WriteTimeout) when it
// hands the connection over; Upgrade sets its own deadline for writing the
// 101 (HandshakeTimeout) and clears it again, so the Conn starts with no
// deadline: ConnOptions' timeouts and keep-alive bound it from then on.
func (u *Upgrader) Upgrade(w http.ResponseWriter, r *http.Request) (*Conn, error) {
	key, herr := u.validate(w, r)
	if herr != nil {
		refuse(w, herr)
		return nil, herr
	}
	subprotocol := u.chooseSubprotocol(r)

	nc, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		herr := &HandshakeError{Status: http.StatusInternalServerError, Reason: "cannot take over the connection", Err: err}
		refuse(w, herr)
		return nil, herr
	}
	resp := responseBytes(key, subprotocol, w.Header())

	timeout := u.HandshakeTimeout
	if timeout == 0 {
		timeout = DefaultHandshakeTimeout
	}
	if timeout > 0 {
		_ = nc.SetWriteDeadline(time.Now().Add(timeout))
	}
	if _, err := nc.Write(resp); err != nil {
		_ = nc.Close()
		return nil, fmt.Errorf("ws: writing the 101 response: %w", err)
	}
	if err := nc.SetDeadline(time.Time{}); err != nil {
		_ = nc.Close()
		return nil, fmt.Errorf("ws: clearing the handshake deadline: %w", err)
	}
	// brw.Reader holds whatever the client sent past its request: its
	// first frames, if it did not wait for the 101.
	return newConn(nc, brw.Reader, true, subprotocol, u.ConnOptions), nil
}

// validate checks r and returns its Sec-WebSocket-Key, or the refusal.
func (u *Upgrader) validate(w http.ResponseWriter, r *http.Request) (string, *HandshakeError) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		return "", &HandshakeError{Status: http.StatusMethodNotAllowed, Reason: "the method must be GET"}
	}
	if !r.ProtoAtLeast(1, 1) {
		return "", &HandshakeError{Status: http.StatusBadRequest, Reason: "HTTP/1.1 or later is required"}
	}
	if r.ContentLength != 0 || len(r.TransferEncoding) > 0 {
		// Its bytes would sit where the first frames are expected.
		return "", &HandshakeError{Status: http.StatusBadRequest, Reason: "an upgrade request has no body"}
	}
	if !headerHasToken(r.Header, "Connection", "upgrade") {
		return "", &HandshakeError{Status: http.StatusBadRequest, Reason: "the Connection header does not name upgrade"}
	}
	if !headerHasToken(r.Header, "Upgrade", "websocket") {
		return "", &HandshakeError{Status: http.StatusBadRequest, Reason: "the Upgrade header does not name websocket"}
	}
	if v := r.Header.Values("Sec-WebSocket-Version"); len(v) != 1 || strings.TrimSpace(v[0]) != "13" {
		w.Header().Set("Sec-WebSocket-Version", "13")
		w.Header().Set("Upgrade", "websocket")
		return "", &HandshakeError{Status: http.StatusUpgradeRequired, Reason: "Sec-WebSocket-Version must be 13"}
	}
	keys := r.Header.Values("Sec-WebSocket-Key")
	if len(keys) != 1 || !validKey(strings.TrimSpace(keys[0])) {
		return "", &HandshakeError{Status: http.StatusBadRequest, Reason: "Sec-WebSocket-Key is not 16 bytes in base64"}
	}
	if !u.originAllowed(r) {
		return "", &HandshakeError{Status: http.StatusForbidden, Reason: "the origin is not allowed"}
	}
	if u.Check != nil {
		if err := u.Check(r); err != nil {
			status := http.StatusForbidden
			var coder interface{ StatusCode() int }
			if errors.As(err, &coder) && coder.StatusCode() >= 400 && coder.StatusCode() <= 599 {
				status = coder.StatusCode()
			}
			return "", &HandshakeError{Status: status, Reason: "refused by the Check hook", Err: err}
		}
	}
	return strings.TrimSpace(keys[0]), nil
}

// refuse writes e to the client as plain text. The body is the status text
// and the reason; the Check hook's error itself stays on the server.
func refuse(w http.ResponseWriter, e *HandshakeError) {
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(e.Status)
	fmt.Fprintf(w, "%s: %s\n", http.StatusText(e.Status), e.Reason)
}

// chooseSubprotocol returns the first of u.Subprotocols the client offered,
// or "".
func (u *Upgrader) chooseSubprotocol(r *http.Request) string {
	if len(u.Subprotocols) == 0 {
		return ""
	}
	offered := headerTokens(r.Header, "Sec-WebSocket-Protocol")
	for _, p := range u.Subprotocols {
		for _, o := range offered {
			if p == o {
				return p
			}
		}
	}
	return ""
}

// responseBytes returns the 101 response for key, naming subprotocol if it
// is not "", with the headers of extra the handshake does not own.
func responseBytes(key, subprotocol string, extra http.Header) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ")
	b.WriteString(AcceptKey(key))
	b.WriteString("\r\n")
	if subprotocol != "" {
		b.WriteString("Sec-WebSocket-Protocol: ")
		b.WriteString(subprotocol)
		b.WriteString("\r\n")
	}
	writeExtraHeader(&b, extra)
	b.WriteString("\r\n")
	return b.Bytes()
}

// writeExtraHeader writes the fields of h that a handshake may carry, in
// http.Header.Write's form (sorted keys, newlines in values made spaces).
// Fields whose name is not a token are dropped.
func writeExtraHeader(b *bytes.Buffer, h http.Header) {
	keep := make(http.Header, len(h))
	for k, v := range h {
		if isToken(k) && !reservedHeader(k) {
			keep[k] = v
		}
	}
	_ = keep.Write(b)
}

// reservedHeader reports whether the handshake itself owns field name, or
// it describes a body, which a 101 or an upgrade request does not have.
func reservedHeader(name string) bool {
	name = strings.ToLower(name)
	switch name {
	case "connection", "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "host":
		return true
	}
	return strings.HasPrefix(name, "content-") || strings.HasPrefix(name, "sec-websocket-")
}

// headerTokens returns the comma-separated elements of every field name of
// h, trimmed of spaces and tabs, without empty ones: "a, b" and "c" on two
// lines give [a b c].
func headerTokens(h http.Header, name string) []string {
	var out []string
	for _, line := range h.Values(name) {
		out = appendTokens(out, line)
	}
	return out
}

// appendTokens appends the comma-separated, trimmed, non-empty elements of
// s to dst.
func appendTokens(dst []string, s string) []string {
	for part := range strings.SplitSeq(s, ",") {
		if t := strings.Trim(part, " \t"); t != "" {
			dst = append(dst, t)
		}
	}
	return dst
}

// headerHasToken reports whether an element of field name of h equals
// token, ignoring case.
func headerHasToken(h http.Header, name, token string) bool {
	for _, line := range h.Values(name) {
		for part := range strings.SplitSeq(line, ",") {
			if t := strings.Trim(part, " \t"); t != "" && strings.EqualFold(t, token) {
				return true
			}
		}
	}
	return false
}

// isToken reports whether s is an RFC 9110 token: one or more of the
// visible ASCII characters that are not separators.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}
