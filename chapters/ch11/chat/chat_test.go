package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// TestRooms: two clients in one room see each other's messages, their
// own too, and a client in another room sees none of them.
func TestRooms(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.join("alice", "lobby")
	bob := ts.join("bob", "lobby")
	alice.expect(TypeJoin, "bob", "bob joined")
	carol := ts.join("carol", "other")

	alice.say("hi bob")
	alice.expect(TypeMessage, "alice", "hi bob")
	bob.expect(TypeMessage, "alice", "hi bob")
	bob.say("  hi alice, and ünïcode ✓  ")
	bob.expect(TypeMessage, "bob", "hi alice, and ünïcode ✓")
	alice.expect(TypeMessage, "bob", "hi alice, and ünïcode ✓")

	// The hub queued lobby's messages for their readers before alice and
	// bob read them; had it queued any for carol, they would come before
	// what she says now.
	carol.say("anyone?")
	carol.expect(TypeMessage, "carol", "anyone?")
}

// TestLeave: the others hear when someone goes.
func TestLeave(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.join("alice", "lobby")
	bob := ts.join("bob", "lobby")
	alice.expect(TypeJoin, "bob", "bob joined")
	if err := bob.conn.Close(); err != nil {
		t.Errorf("bob's Close: %v", err)
	}
	alice.expect(TypeLeave, "bob", "bob left")
}

// TestRefusedMessages: too long, not JSON, or blank messages are not
// broadcast; the first two get an error notice to their sender only.
func TestRefusedMessages(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.join("alice", "lobby")
	bob := ts.join("bob", "lobby")
	alice.expect(TypeJoin, "bob", "bob joined")

	alice.say(strings.Repeat("é", MaxText+1))
	alice.expect(TypeError, "", "a message has at most 500 characters")
	if err := alice.conn.WriteMessage(ws.TextMessage, []byte("plain text")); err != nil {
		t.Fatal(err)
	}
	alice.expect(TypeError, "", `a message is {"text": "..."}`)
	alice.say("   ")
	longest := strings.Repeat("é", MaxText)
	alice.say(longest)
	alice.expect(TypeMessage, "alice", longest)
	bob.expect(TypeMessage, "alice", longest) // and nothing before it
}

// TestBinaryMessage: a binary message closes the socket with 1003.
func TestBinaryMessage(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.join("alice", "lobby")
	if err := alice.conn.WriteMessage(ws.BinaryMessage, []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if code := alice.closeCode(); code != ws.CloseUnsupportedData {
		t.Errorf("close code %d, want %d", code, ws.CloseUnsupportedData)
	}
}

// TestRefusedHandshakes: no session is 401, a page of another site 403,
// a bad room 400; none becomes a WebSocket.
func TestRefusedHandshakes(t *testing.T) {
	ts := newTestServer(t)
	cookie := ts.login("alice")
	tests := []struct {
		name   string
		room   string
		header []string
		want   int
	}{
		{"no session", "lobby", nil, http.StatusUnauthorized},
		{"unknown session", "lobby", []string{"Cookie", "session=" + strings.Repeat("A", 43)}, http.StatusUnauthorized},
		{"another site", "lobby", []string{"Cookie", cookie, "Origin", "http://evil.example"}, http.StatusForbidden},
		{"another port", "lobby", []string{"Cookie", cookie, "Origin", "http://127.0.0.1:1"}, http.StatusForbidden},
		{"bad room", "Lobby!", []string{"Cookie", cookie}, http.StatusBadRequest},
		{"empty room", "", []string{"Cookie", cookie}, http.StatusBadRequest},
		{"long room", strings.Repeat("a", 33), []string{"Cookie", cookie}, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := ts.dial(tt.room, tt.header...)
			if err == nil {
				conn.CloseNow()
				t.Fatalf("the handshake succeeded, want %d", tt.want)
			}
			if got := handshakeStatus(t, err); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
	// The same origin, as a browser on the page sends it, is welcome.
	conn, err := ts.dial("lobby", "Cookie", cookie, "Origin", ts.srv.URL)
	if err != nil {
		t.Fatalf("same origin: %v", err)
	}
	conn.CloseNow()
}

// TestCloseGoingAway: closing the app closes every socket with 1001, and a
// socket asked for afterwards is refused.
func TestCloseGoingAway(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.join("alice", "lobby")
	done := make(chan error, 1)
	go func() { done <- ts.app.Close() }()
	if code := alice.closeCode(); code != ws.CloseGoingAway {
		t.Errorf("close code %d, want %d", code, ws.CloseGoingAway)
	}
	if err := <-done; err != nil {
		t.Errorf("Close: %v", err)
	}
	_, err := ts.dial("lobby", "Cookie", ts.login("bob"))
	if got := handshakeStatus(t, err); got != http.StatusServiceUnavailable {
		t.Errorf("a socket after Close: %d, want 503", got)
	}
}
