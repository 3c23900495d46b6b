// Package ws is a WebSocket server and client (RFC 6455) built on the
// standard library alone.
//
// An [Upgrader] turns an HTTP request into a [Conn]; [Dial] opens one from
// the client side. A Conn has one reader and serialized writers: any number
// of goroutines may write, one may read. A [Hub] groups connections into
// rooms and broadcasts to them, and never waits for a slow client: each
// client has a bounded queue, and a client whose queue is full is dropped.
package ws
