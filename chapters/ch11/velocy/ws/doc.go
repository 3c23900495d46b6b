// Package ws is a WebSocket server and client (RFC 6455) built on the
// standard library alone.
//
// An [Upgrader] turns an HTTP request into a [Conn]; [Dial] opens one from
// the client side. A Conn has one reader and serialized writers: any number
// of goroutines may write, one may read. A [Hub] groups connections into
// rooms and broadcasts to them, and never waits for a slow client: each
// client has a bounded queue, and a client whose queue is full is dropped.
//
// # Using a Conn
//
// A handler reads in a loop and writes from anywhere:
//
//	for {
//		typ, msg, err := c.ReadMessage() // answers pings, handles the close handshake
//		if err != nil {
//			var ce *ws.CloseError // the peer closed: ce.Code, ce.Reason
//			return
//		}
//		c.WriteMessage(typ, msg) // safe beside other writers
//	}
//
// [Conn.AppendMessage] reads into a buffer of the caller's (no allocation
// once it is big enough), [Conn.NextReader] streams a message fragment by
// fragment, and [Conn.NextWriter] writes one in frames of WriteBufferSize.
// [Conn.Close] sends a close frame, waits up to CloseTimeout for the peer's,
// and closes the connection; [Conn.CloseNow] skips the handshake.
//
// # Rules enforced
//
// The reader checks every rule of RFC 6455 a peer can break and answers a
// broken one with a close frame and a [*ProtocolError]: 1002 for framing
// (reserved bits or opcodes, a server receiving an unmasked frame or a
// client a masked one, lengths not in their minimal encoding, long or
// fragmented control frames, continuation frames out of place, invalid
// close codes), 1007 for text or a close reason that is not UTF-8 (found as
// soon as the bad byte arrives, across fragments), and 1009 for a message
// over ConnOptions.MaxMessageSize (1 MiB unless set; refused from the frame
// header, before the payload is read). No extension is negotiated, so
// permessage-deflate is not supported.
//
// Errors: [*CloseError] (the peer closed), [*ProtocolError] (the peer broke
// a rule), [ErrCloseSent] (a write after this side's close), [ErrDeadPeer]
// (keep-alive: no frame within PongTimeout of a ping). Errors of the
// network connection are wrapped, so errors.Is finds io.EOF or
// os.ErrDeadlineExceeded.
package ws
