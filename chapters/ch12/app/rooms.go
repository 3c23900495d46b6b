package main

import (
	"errors"
	"net/http"
	"regexp"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/trace"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// roomPattern is what a room's name may be: 1 to 32 lowercase letters,
// digits, '_' or '-', starting with a letter or a digit.
var roomPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// errBinary ends a websocket whose client sent a binary message.
var errBinary = errors.New("a binary message")

// serveRoom upgrades GET /rooms/{room} to a websocket and sends every
// text message a client sends to everyone in the room, the sender
// included: alone in a room, it is an echo. It returns when the client
// leaves or the shutdown closes the hub (close code 1001).
func (a *App) serveRoom(w http.ResponseWriter, r *http.Request) {
	room := r.PathValue("room")
	if !roomPattern.MatchString(room) {
		middleware.WriteError(w, r, &middleware.Problem{Status: http.StatusBadRequest,
			Title:  "Bad room",
			Detail: "a room is 1 to 32 lowercase letters, digits, '_' or '-'"})
		return
	}
	if a.isClosed() {
		middleware.WriteError(w, r, &middleware.Problem{Status: http.StatusServiceUnavailable,
			Title: "Shutting down"})
		return
	}
	log := trace.LoggerFrom(r.Context())
	conn, err := a.upgrader.Upgrade(w, r)
	if err != nil {
		// The Upgrader has answered the client (400, 403, 426...).
		log.Info("rooms: upgrade refused", "err", err)
		return
	}
	client, err := a.hub.Add(conn)
	if err != nil {
		return // the hub is closed, and conn with it: the server is stopping
	}
	if err := client.Join(room); err != nil {
		return // the client was dropped already
	}
	log.Info("rooms: join", "room", room)
	err = a.relay(conn, room)
	// Remove closes the connection once what is queued for it is written.
	a.hub.Remove(client)
	log.Info("rooms: leave", "room", room, "err", err)
}

// relay reads the client's messages and broadcasts each text message to
// the room, until the connection ends; it returns why it ended.
func (a *App) relay(conn *ws.Conn, room string) error {
	for {
		typ, data, err := conn.ReadMessage()
		if err != nil {
			return err
		}
		if typ != ws.TextMessage {
			conn.CloseWith(ws.CloseUnsupportedData, "text messages only")
			return errBinary
		}
		a.hub.Broadcast(room, ws.TextMessage, data)
	}
}
