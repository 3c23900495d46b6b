package interop

import (
	"fmt"
	"testing"
)

// TestTooBig sends a message over the reader's limit; the reader must
// close with 1009 and the writer see it. The limit is the server's (one
// frame, then many) or the client's (the server's echo is too big).
func TestTooBig(t *testing.T) {
	const limit = 64 << 10
	msg := payload(binaryMessage, limit+1, 3)
	forPairs(t, func(t *testing.T, p pair) {
		for _, fragmented := range []bool{false, true} {
			t.Run(fmt.Sprintf("server-limit/fragmented=%v", fragmented), func(t *testing.T) {
				s := startServer(t, p.s, serverConfig{maxMessage: limit})
				frame := defaultMax
				if fragmented {
					frame = 1000
				}
				c := dialT(t, p.c, s.url, dialConfig{frame: frame})
				echo(t, c, binaryMessage, msg[:limit], "a message at the limit")
				var err error
				if fragmented {
					err = c.writeFragmented(binaryMessage, msg, 1000, "")
				} else {
					err = c.write(binaryMessage, msg)
				}
				t.Logf("writing the message over the limit: %v", err) // the server may close first
				_, _, err = c.read()
				if code, _, ok := closeInfo(err); !ok || code != 1009 {
					t.Errorf("after a message over the server's limit the client read %T %v, want close 1009", err, err)
				}
				t.Logf("server: %v", s.result(t).err)
			})
		}
		t.Run("client-limit", func(t *testing.T) {
			s := startServer(t, p.s, serverConfig{})
			c := dialT(t, p.c, s.url, dialConfig{maxMessage: limit})
			echo(t, c, binaryMessage, msg[:limit], "a message at the limit")
			if err := c.write(binaryMessage, msg); err != nil {
				t.Fatalf("write: %v", err)
			}
			_, _, err := c.read()
			t.Logf("client: %v", err)
			r := s.result(t)
			if code, _, ok := closeInfo(r.err); !ok || code != 1009 {
				t.Errorf("after echoing a message over the client's limit the server read %T %v, want close 1009", r.err, r.err)
			}
		})
	})
}

// TestInvalidUTF8 sends a text message that is not UTF-8 (whole, and with
// the bad byte in a later fragment) to the velocy server, which must close
// with 1007. The other libraries do not check text on read, so only
// velocy's server is tried.
func TestInvalidUTF8(t *testing.T) {
	bad := append(payload(textMessage, 2500, 4), 0xff)
	bad = append(bad, "tail"...)
	forPairs(t, func(t *testing.T, p pair) {
		if p.s.name != underTest || underTest != "velocy" {
			t.Skip("only velocy's server checks UTF-8")
		}
		for _, fragmented := range []bool{false, true} {
			t.Run(fmt.Sprintf("fragmented=%v", fragmented), func(t *testing.T) {
				s := startServer(t, p.s, serverConfig{})
				c := dialT(t, p.c, s.url, dialConfig{frame: 1000})
				var err error
				if fragmented {
					err = c.writeFragmented(textMessage, bad, 1000, "")
				} else {
					err = c.write(textMessage, bad)
				}
				if err != nil {
					t.Fatal(err)
				}
				_, _, err = c.read()
				if code, _, ok := closeInfo(err); !ok || code != 1007 {
					t.Errorf("after invalid UTF-8 the client read %T %v, want close 1007", err, err)
				}
				t.Logf("server: %v", s.result(t).err)
			})
		}
	})
}
