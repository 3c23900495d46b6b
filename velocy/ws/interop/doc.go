// Package interop tests velocy/ws against two WebSocket libraries in wide
// use, github.com/gorilla/websocket and github.com/coder/websocket, in both
// directions (their clients against velocy's server, velocy's client
// against their servers), and benchmarks velocy's echo server against
// theirs with the same client. It is a module of its own so that velocy
// itself stays standard library only.
package interop
