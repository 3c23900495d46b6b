package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// roomPattern is what a room's name may be: 1 to 32 lowercase letters,
// digits, '_' or '-', starting with a letter or a digit.
var roomPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// The types of Message.
const (
	TypeMessage = "message" // someone said Text
	TypeJoin    = "join"    // From came into the room
	TypeLeave   = "leave"   // From left the room
	TypeError   = "error"   // the server refused what this client sent
)

// Message is what the server sends on a WebSocket, as JSON.
type Message struct {
	Type string    `json:"type"`
	Room string    `json:"room"`
	From string    `json:"from,omitempty"`
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// incoming is what a client sends.
type incoming struct {
	Text string `json:"text"`
}

// checkSession is the Upgrader's Check: a WebSocket needs a signed-in
// session, whose nickname signs every message sent on it.
func (a *App) checkSession(r *http.Request) error {
	if _, ok := nickOf(r); !ok {
		return errNoSession
	}
	return nil
}

// serveWS upgrades GET /ws?room=NAME and relays the client's messages to
// the room until the client leaves or the app closes.
func (a *App) serveWS(w http.ResponseWriter, r *http.Request) {
	room := r.URL.Query().Get("room")
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

	conn, err := a.upgrader.Upgrade(w, r)
	if err != nil {
		// The Upgrader has answered the client (400, 401, 403, 426...).
		a.log.InfoContext(r.Context(), "chat: upgrade refused", "err", err)
		return
	}
	nick, _ := nickOf(r)
	client, err := a.hub.Add(conn)
	if err != nil {
		return // the hub is closed, and closed conn: the server is stopping
	}
	if err := client.Join(room); err != nil {
		return // the client was dropped already
	}
	a.log.InfoContext(r.Context(), "chat: join", "nick", nick, "room", room)
	a.broadcast(Message{Type: TypeJoin, Room: room, From: nick, Text: nick + " joined"})

	err = a.relay(conn, client, nick, room)

	// Remove closes the connection once the messages already queued for
	// it are written (the close handshake is over, or the connection
	// broke: there is nobody to read them, but the hub does not know).
	a.hub.Remove(client)
	a.broadcast(Message{Type: TypeLeave, Room: room, From: nick, Text: nick + " left"})
	a.log.InfoContext(r.Context(), "chat: leave", "nick", nick, "room", room, "err", err)
}

// relay reads the client's messages and broadcasts each to the room. It
// returns when the connection ends, with the reason.
func (a *App) relay(conn *ws.Conn, client *ws.Client, nick, room string) error {
	for {
		typ, data, err := conn.ReadMessage()
		if err != nil {
			return err
		}
		if typ != ws.TextMessage {
			conn.CloseWith(ws.CloseUnsupportedData, "text messages only")
			return errors.New("a binary message")
		}
		var in incoming
		if err := json.Unmarshal(data, &in); err != nil {
			a.reply(client, room, `a message is {"text": "..."}`)
			continue
		}
		text := strings.TrimSpace(in.Text)
		switch {
		case text == "":
			continue
		case utf8.RuneCountInString(text) > MaxText:
			a.reply(client, room, "a message has at most 500 characters")
			continue
		}
		a.broadcast(Message{Type: TypeMessage, Room: room, From: nick, Text: text})
	}
}

// broadcast sends m, dated now, to everyone in its room.
func (a *App) broadcast(m Message) {
	m.At = a.now().UTC().Truncate(time.Millisecond)
	b, err := json.Marshal(m)
	if err != nil {
		a.log.Error("chat: encode", "err", err)
		return
	}
	a.hub.Broadcast(m.Room, ws.TextMessage, b)
}

// reply tells one client that the server refused what it sent.
func (a *App) reply(client *ws.Client, room, text string) {
	b, _ := json.Marshal(Message{Type: TypeError, Room: room, Text: text,
		At: a.now().UTC().Truncate(time.Millisecond)})
	if err := client.Send(ws.TextMessage, b); err != nil {
		a.log.Info("chat: reply not sent", "err", err)
	}
}
