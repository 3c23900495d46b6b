package ws

import (
	"errors"
	"strconv"
)

// ErrCloseSent is returned by a write after this side sent its close frame
// (by Close, CloseWith, or when echoing the peer's close).
var ErrCloseSent = errors.New("ws: close frame already sent")

// ErrDeadPeer is returned to the reader when keep-alive is on
// (ConnOptions.PingInterval) and the peer sent nothing within PongTimeout of
// a ping: the connection was closed.
var ErrDeadPeer = errors.New("ws: peer did not answer a ping in time")

// errInvalidType is returned by writes given a MessageType that is not one
// of the five of RFC 6455.
var errInvalidType = errors.New("ws: invalid message type")

// errControlTooLong is returned by a write of a control frame (ping, pong,
// close) whose payload is over 125 bytes.
var errControlTooLong = errors.New("ws: control frame payload over 125 bytes")

// CloseError is the peer's close frame as the reader saw it: the status code
// (CloseNoStatus, 1005, when the frame had none) and the reason.
type CloseError struct {
	Code   int
	Reason string
}

func (e *CloseError) Error() string {
	s := "ws: peer closed with " + strconv.Itoa(e.Code)
	if e.Reason != "" {
		s += " (" + strconv.Quote(e.Reason) + ")"
	}
	return s
}

// ProtocolError reports that the peer broke RFC 6455. The Conn answered with
// a close frame carrying Code (1002 protocol error, 1007 invalid payload,
// 1009 message too big) and closed the connection.
type ProtocolError struct {
	Rule string // the rule the peer broke, e.g. "reserved bits set"
	Code int    // the close code this side sent
}

func (e *ProtocolError) Error() string {
	return "ws: protocol error: " + e.Rule + " (sent close " + strconv.Itoa(e.Code) + ")"
}

// The rules a peer can break, one error each so that the reader reports them
// without allocating the sentence.
var (
	errRSV           = &ProtocolError{"reserved bits set without a negotiated extension", CloseProtocolError}
	errOpcode        = &ProtocolError{"reserved opcode", CloseProtocolError}
	errControlLen    = &ProtocolError{"control frame payload over 125 bytes", CloseProtocolError}
	errControlFrag   = &ProtocolError{"fragmented control frame", CloseProtocolError}
	errNonMinimal    = &ProtocolError{"payload length not in its minimal encoding", CloseProtocolError}
	errLengthMSB     = &ProtocolError{"64-bit payload length with its most significant bit set", CloseProtocolError}
	errUnmasked      = &ProtocolError{"unmasked frame from a client", CloseProtocolError}
	errMasked        = &ProtocolError{"masked frame from a server", CloseProtocolError}
	errContinuation  = &ProtocolError{"continuation frame without a message to continue", CloseProtocolError}
	errInterleaved   = &ProtocolError{"new data frame inside a fragmented message", CloseProtocolError}
	errCloseLen1     = &ProtocolError{"close frame payload of one byte", CloseProtocolError}
	errCloseCode     = &ProtocolError{"invalid close code", CloseProtocolError}
	errCloseUTF8     = &ProtocolError{"close reason is not valid UTF-8", CloseInvalidPayload}
	errTextUTF8      = &ProtocolError{"text message is not valid UTF-8", CloseInvalidPayload}
	errMessageTooBig = &ProtocolError{"message larger than MaxMessageSize", CloseMessageTooBig}
)
