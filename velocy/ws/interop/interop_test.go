package interop

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// pair is a client library against a server library; one of the two is
// always the library under test.
type pair struct {
	name string
	c    clientKind
	s    serverKind
}

// pairs lists every other client against the server under test, then the
// client under test against every other server.
func pairs() []pair {
	var ps []pair
	for _, n := range sortedNames(clientKinds) {
		if n != underTest {
			ps = append(ps, pair{"client=" + n + "/server=" + underTest, clientKinds[n], serverKinds[underTest]})
		}
	}
	for _, n := range sortedNames(serverKinds) {
		if n != underTest {
			ps = append(ps, pair{"client=" + underTest + "/server=" + n, clientKinds[underTest], serverKinds[n]})
		}
	}
	return ps
}

// forPairs runs f as a subtest for every pair.
func forPairs(t *testing.T, f func(t *testing.T, p pair)) {
	for _, p := range pairs() {
		t.Run(p.name, func(t *testing.T) { f(t, p) })
	}
}

var typeNames = map[int]string{textMessage: "text", binaryMessage: "binary"}

// echo sends msg and checks that the same message comes back.
func echo(t *testing.T, c client, typ int, msg []byte, what string) {
	t.Helper()
	if err := c.write(typ, msg); err != nil {
		t.Fatalf("%s: write: %v", what, err)
	}
	expectEcho(t, c, typ, msg, what)
}

// expectEcho reads one message and checks it is typ and msg.
func expectEcho(t *testing.T, c client, typ int, msg []byte, what string) {
	t.Helper()
	gotTyp, got, err := c.read()
	if err != nil {
		t.Fatalf("%s: read the echo: %v", what, err)
	}
	if gotTyp != typ {
		t.Fatalf("%s: echo is a %s message, want %s", what, typeNames[gotTyp], typeNames[typ])
	}
	if !bytes.Equal(got, msg) {
		t.Fatalf("%s: echo differs: %s", what, diff(got, msg))
	}
}

// diff says where two byte slices first differ.
func diff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return fmt.Sprintf("%d bytes, want %d; first difference at byte %d", len(got), len(want), i)
}

// TestMessages echoes text and binary messages around the payload length
// encodings (7-bit, 16-bit, 64-bit) up to just below the 1 MiB limit, each
// sent as one frame.
func TestMessages(t *testing.T) {
	sizes := []int{0, 1, 125, 126, 127, 65535, 65536, 65537, defaultMax - 64}
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{})
		// A gorilla client sends a message in one frame when its write
		// buffer holds it all.
		c := dialT(t, p.c, s.url, dialConfig{frame: defaultMax})
		for _, typ := range []int{textMessage, binaryMessage} {
			for _, n := range sizes {
				echo(t, c, typ, payload(typ, n, 1), fmt.Sprintf("%s %d bytes", typeNames[typ], n))
			}
		}
		closeNormally(t, c, s)
	})
}

// TestFragmented sends messages in many frames (fragment boundaries fall
// inside UTF-8 runes for text) and checks the echo: the client writes
// through its streaming writer (and, in one case, pings between two
// fragments), or the server echoes through its own.
func TestFragmented(t *testing.T) {
	const chunk = 1000
	sizes := []int{0, 1, chunk - 1, chunk, chunk + 1, 5*chunk + 3, 70_000, 300_001}
	cases := []struct {
		name          string
		client, serve bool   // who fragments
		pingMid       string // a ping between the client's fragments
	}{
		{"client-fragments", true, false, ""},
		{"client-fragments-ping-between", true, false, "mid"},
		{"server-fragments", false, true, ""},
	}
	forPairs(t, func(t *testing.T, p pair) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				cfg := serverConfig{}
				if tc.serve {
					cfg.fragment = chunk
				}
				s := startServer(t, p.s, cfg)
				c := dialT(t, p.c, s.url, dialConfig{frame: chunk})
				for _, typ := range []int{textMessage, binaryMessage} {
					for _, n := range sizes {
						what := fmt.Sprintf("%s %d bytes", typeNames[typ], n)
						msg := payload(typ, n, 2)
						var err error
						if tc.client {
							err = c.writeFragmented(typ, msg, chunk, tc.pingMid)
						} else {
							err = c.write(typ, msg)
						}
						if err != nil {
							t.Fatalf("%s: write: %v", what, err)
						}
						expectEcho(t, c, typ, msg, what)
					}
				}
				if tc.pingMid != "" {
					// Each ping was answered with its payload, seen by
					// whichever side can tell (a pong is read with the
					// echo that follows it, so one more echo is enough).
					echo(t, c, textMessage, []byte("last"), "echo after the pings")
					if p.c.seesPongs && !c.rec().has("pong", tc.pingMid) {
						t.Error("the client saw no pong to its pings between fragments")
					}
					if p.s.seesPings && !s.rec.has("ping", tc.pingMid) && !(p.c.ownPingPayload && s.rec.n("ping") > 0) {
						t.Error("the server saw no ping between fragments")
					}
				}
				closeNormally(t, c, s)
			})
		}
	})
}

// TestPing has the client ping (the pong must come back with the same
// payload), and the server ping right after the handshake (the client
// must answer). Each side's library records what it can see of it.
func TestPing(t *testing.T) {
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{pingFirst: "server-ping"})
		c := dialT(t, p.c, s.url, dialConfig{})
		// The longest payload a control frame holds.
		clientPing := "client-ping" + strings.Repeat(".", 125-len("client-ping"))
		if err := c.ping(clientPing); err != nil {
			t.Fatalf("client ping: %v", err)
		}
		seen := func() bool {
			ok := true
			if p.c.seesPongs {
				ok = ok && c.rec().has("pong", clientPing)
			}
			if p.s.seesPings {
				ok = ok && (s.rec.has("ping", clientPing) || p.c.ownPingPayload && s.rec.n("ping") > 0)
			}
			if p.c.seesPings {
				ok = ok && (c.rec().has("ping", "server-ping") || p.s.ownPingPayload && c.rec().n("ping") > 0)
			}
			if p.s.seesPongs {
				ok = ok && s.rec.has("pong", "server-ping")
			}
			return ok
		}
		// Control frames are handled during reads: echo messages until
		// every side that can tell has seen its ping or pong.
		msg := []byte("hello")
		for i := 0; !seen(); i++ {
			if i == 100 {
				t.Fatalf("after %d echoes: client saw pong %v, ping %v; server saw ping %v, pong %v",
					i, c.rec().has("pong", clientPing), c.rec().has("ping", "server-ping"),
					s.rec.has("ping", clientPing), s.rec.has("pong", "server-ping"))
			}
			echo(t, c, textMessage, msg, "echo after pings")
		}
		closeNormally(t, c, s)
	})
}

// TestSubprotocol checks the negotiation: the one protocol both sides know
// is agreed on by both; with none in common, the handshake succeeds with no
// subprotocol.
func TestSubprotocol(t *testing.T) {
	cases := []struct {
		name  string
		asked []string
		want  string
	}{
		{"common", []string{"x-unknown", "chat.v1"}, "chat.v1"},
		{"none-common", []string{"x-unknown"}, ""},
		{"none-asked", nil, ""},
	}
	forPairs(t, func(t *testing.T, p pair) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s := startServer(t, p.s, serverConfig{subprotocols: []string{"chat.v2", "chat.v1"}})
				c := dialT(t, p.c, s.url, dialConfig{subprotocols: tc.asked})
				if got := c.subprotocol(); got != tc.want {
					t.Errorf("client's subprotocol %q, want %q", got, tc.want)
				}
				echo(t, c, textMessage, []byte("sub"), "echo")
				closeNormally(t, c, s)
				// closeNormally took the server's result; its subprotocol
				// is checked through a second connection.
				c2 := dialT(t, p.c, s.url, dialConfig{subprotocols: tc.asked})
				c2.closeNow()
				if r := s.result(t); r.subprotocol != tc.want {
					t.Errorf("server's subprotocol %q, want %q", r.subprotocol, tc.want)
				}
			})
		}
	})
}

// TestOrigin checks that a cross-origin handshake is refused with 403
// unless its origin is allowed, and that the server's own origin is
// accepted.
func TestOrigin(t *testing.T) {
	const allowed = "https://allowed.example"
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{origins: []string{allowed}})
		t.Run("refused", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), hang)
			defer cancel()
			c, resp, err := p.c.dial(ctx, s.url, dialConfig{origin: "https://evil.example"})
			if err == nil {
				c.closeNow()
				t.Fatal("a cross-origin handshake succeeded")
			}
			if resp == nil {
				t.Fatalf("no HTTP response with the error %v", err)
			}
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403", resp.StatusCode)
			}
		})
		for _, origin := range []string{allowed, "http://" + s.Listener.Addr().String()} {
			t.Run("accepted "+origin, func(t *testing.T) {
				c := dialT(t, p.c, s.url, dialConfig{origin: origin})
				echo(t, c, textMessage, []byte("origin"), "echo")
				closeNormally(t, c, s)
			})
		}
	})
}

// TestPipelined has the client write 1,000 messages of assorted sizes
// without waiting while a reader takes the echoes, so that frames arrive
// many to a read and split across reads.
func TestPipelined(t *testing.T) {
	const n = 1000
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{})
		c := dialT(t, p.c, s.url, dialConfig{})
		msgs := make([][]byte, n)
		for i := range msgs {
			msgs[i] = payload(binaryMessage, (i*7919)%9000, uint64(i))
		}
		read := make(chan error, 1)
		go func() {
			for i, msg := range msgs {
				typ, got, err := c.read()
				if err != nil {
					read <- fmt.Errorf("echo %d: %w", i, err)
					return
				}
				if typ != binaryMessage || !bytes.Equal(got, msg) {
					read <- fmt.Errorf("echo %d: type %d, %s", i, typ, diff(got, msg))
					return
				}
			}
			read <- nil
		}()
		for i, msg := range msgs {
			if err := c.write(binaryMessage, msg); err != nil {
				t.Fatalf("write %d: %v", i, err)
			}
		}
		if err := <-read; err != nil {
			t.Fatal(err)
		}
		closeNormally(t, c, s)
	})
}

// TestCompressionOffered has the non-velocy side offer or enable
// permessage-deflate; velocy has no extensions, so the handshake must
// settle on none and compressible messages must still echo.
func TestCompressionOffered(t *testing.T) {
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{compression: true})
		c := dialT(t, p.c, s.url, dialConfig{compression: true})
		for _, n := range []int{10, 1000, 10_000} {
			msg := bytes.Repeat([]byte("compress me "), n)
			echo(t, c, textMessage, msg, fmt.Sprintf("%d compressible bytes", len(msg)))
		}
		closeNormally(t, c, s)
	})
}

// TestTLS runs the handshake and a few echoes over wss:// (httptest's TLS
// server and its certificate).
func TestTLS(t *testing.T) {
	forPairs(t, func(t *testing.T, p pair) {
		s := startServer(t, p.s, serverConfig{tls: true})
		cfg := s.Client().Transport.(*http.Transport).TLSClientConfig
		c := dialT(t, p.c, s.url, dialConfig{tls: cfg})
		for _, n := range []int{0, 200, 70_000} {
			echo(t, c, binaryMessage, payload(binaryMessage, n, 5), fmt.Sprintf("%d bytes over TLS", n))
		}
		closeNormally(t, c, s)
	})
}
