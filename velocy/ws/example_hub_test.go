package ws

import (
	"bufio"
	"fmt"
	"io"
	"net"
)

// ExampleHub puts three connections in rooms and broadcasts to one of
// them. In a server each Conn comes from an Upgrader, and the handler that
// got it reads from it until it fails, then closes the client:
//
//	c, err := hub.Add(conn)
//	if err != nil {
//		return // shutting down
//	}
//	defer c.Close()
//	c.Join("lobby")
//	for {
//		_, msg, err := conn.ReadMessage()
//		if err != nil {
//			return
//		}
//		hub.Broadcast("lobby", TextMessage, msg) // msg is not modified after this
//	}
func ExampleHub() {
	hub := NewHub(HubOptions{QueueSize: 32})

	// Three browsers, on the far side of in-memory connections.
	var browsers []net.Conn
	connect := func() *Client {
		server, browser := net.Pipe()
		browsers = append(browsers, browser)
		go io.Copy(io.Discard, browser) // the browser reads what it is sent
		c, err := hub.Add(newConn(server, bufio.NewReader(server), true, "", ConnOptions{}))
		if err != nil {
			panic(err)
		}
		return c
	}
	ann, bob, cy := connect(), connect(), connect()

	ann.Join("go")
	bob.Join("go")
	bob.Join("rust")
	cy.Join("rust")
	fmt.Println(hub.Rooms(), "go:", hub.Members("go"), "rust:", hub.Members("rust"))

	cy.Leave("rust")
	bob.Leave("rust") // the room is empty: it is gone
	fmt.Println(hub.Rooms(), "clients:", hub.Len())

	fmt.Println("sent to", hub.Broadcast("go", TextMessage, []byte("hello, gophers")))

	// The browsers go away; the server shuts down.
	for _, b := range browsers {
		b.Close()
	}
	hub.Close()
	fmt.Println(hub.Rooms(), "clients:", hub.Len())
	// Output:
	// [go rust] go: 2 rust: 2
	// [go] clients: 3
	// sent to 2
	// [] clients: 0
}
