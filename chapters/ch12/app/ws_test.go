package main

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// member is a test client of a room.
type member struct {
	t    *testing.T
	conn *ws.Conn
}

// dialRoom opens the websocket at url.
func dialRoom(t *testing.T, url string) *member {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	conn, _, err := ws.Dial(ctx, url, nil)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	return &member{t: t, conn: conn}
}

// say sends a text message.
func (m *member) say(text string) {
	m.t.Helper()
	if err := m.conn.WriteMessage(ws.TextMessage, []byte(text)); err != nil {
		m.t.Fatalf("write: %v", err)
	}
}

// expect reads the next message and checks it is text.
func (m *member) expect(text string) {
	m.t.Helper()
	m.conn.SetReadDeadline(time.Now().Add(hang))
	typ, data, err := m.conn.ReadMessage()
	if err != nil {
		m.t.Fatalf("read: %v", err)
	}
	if typ != ws.TextMessage || string(data) != text {
		m.t.Fatalf("got %d %q, want text %q", typ, data, text)
	}
}

// closeCode reads until the connection ends and returns the close code
// the server sent.
func (m *member) closeCode() int {
	m.t.Helper()
	m.conn.SetReadDeadline(time.Now().Add(hang))
	for {
		_, _, err := m.conn.ReadMessage()
		if err == nil {
			continue
		}
		var ce *ws.CloseError
		if !errors.As(err, &ce) {
			m.t.Fatalf("read: %v, want a close", err)
		}
		return ce.Code
	}
}
