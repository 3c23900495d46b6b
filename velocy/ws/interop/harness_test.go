package interop

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// The message types, the same numbers in all three libraries (RFC 6455's
// opcodes).
const (
	textMessage   = 1
	binaryMessage = 2
)

// hang is how long any one test step may take before the test gives up. It
// only protects against a hang; no test asserts a duration.
const hang = 20 * time.Second

// client is one WebSocket client connection as the tests drive it, whatever
// library is behind it.
type client interface {
	// write sends one message.
	write(typ int, data []byte) error
	// writeFragmented sends one message through the library's streaming
	// writer, in writes of at most chunk bytes (how that maps to frames is
	// the library's: see each implementation). With pingMid set, it pings
	// with that payload halfway, between two fragments.
	writeFragmented(typ int, data []byte, chunk int, pingMid string) error
	// read reads one message.
	read() (typ int, data []byte, err error)
	// ping sends a ping with this payload. A client that can see the pong
	// records it in its recorder as ("pong", payload) during a later read.
	ping(payload string) error
	// closeHandshake sends a close frame and reads until the peer's close
	// frame arrives; it returns the code that came back (-1 if the library
	// does not say) and an error if the handshake did not complete.
	closeHandshake(code int, reason string) (echoed int, err error)
	// subprotocol is the subprotocol the handshake agreed on.
	subprotocol() string
	// rec is what this client saw of control frames.
	rec() *recorder
	// closeNow drops the connection.
	closeNow()
}

// dialConfig is what a test asks of a client's handshake and connection.
type dialConfig struct {
	subprotocols []string
	origin       string        // sent as the Origin header when set
	maxMessage   int64         // the client's read limit (0: 2 MiB)
	frame        int           // gorilla: the write buffer, hence the frame size of its writes (0: 4096)
	keepAlive    time.Duration // velocy: ConnOptions.PingInterval
	compression  bool          // offer permessage-deflate (gorilla, coder; velocy has none)
	tls          *tls.Config   // for wss://: trusts the test server's certificate
}

// clientKind is one library's client.
type clientKind struct {
	name string
	dial func(ctx context.Context, url string, cfg dialConfig) (client, *http.Response, error)
	// seesPongs and seesPings tell whether the library lets a caller see a
	// pong (its own ping answered) or a ping from the peer.
	seesPongs, seesPings bool
	// ownPingPayload: the library's ping chooses its own payload.
	ownPingPayload bool
}

// serverConfig is what a test asks of an echo server.
type serverConfig struct {
	subprotocols []string
	origins      []string // cross origins allowed besides the server's own
	maxMessage   int64    // the server's read limit (0: 1 MiB)
	pingFirst    string   // when set, the server pings with this payload right after the handshake
	keepAlive    time.Duration
	// fragment, when set, has the server echo through its streaming
	// writer in writes of this many bytes, with frames of this size where
	// the library lets the caller choose (gorilla's and velocy's write
	// buffer; coder sends a frame per write).
	fragment int
	// compression enables permessage-deflate where the library has it
	// (gorilla, coder; velocy has none).
	compression bool
	// tls serves wss:// (httptest's TLS server, HTTP/1.1 only).
	tls bool
	// burst (velocy only) has the server answer burstPlease with
	// burstWriters goroutines writing burstEach messages each at once.
	burst bool
}

// closePlease is the text message that has an echo server close the
// connection itself, with serverCloseCode and serverCloseReason; its
// result is then nil if the client answered with the same code.
const (
	closePlease       = "close, please"
	serverCloseCode   = 4002
	serverCloseReason = "server closing ✓"
)

// serverResult is how one server connection ended.
type serverResult struct {
	subprotocol string
	err         error // what ended the read loop
}

// serverKind is one library's echo server.
type serverKind struct {
	name string
	// handler serves echo connections; each connection's end is sent on
	// done, and its control frames recorded in rec.
	handler              func(cfg serverConfig, rec *recorder, done chan<- serverResult) http.Handler
	seesPongs, seesPings bool
	ownPingPayload       bool
}

// defaultMax is the read limit of servers and clients when a test sets
// none: velocy's default, 1 MiB.
const defaultMax = 1 << 20

var (
	clientKinds = map[string]clientKind{}
	serverKinds = map[string]serverKind{}
	// closeInfos turn a library's close error into its code and reason.
	closeInfos []func(error) (int, string, bool)
)

// closeInfo finds the close code and reason in err, whichever library made it.
func closeInfo(err error) (code int, reason string, ok bool) {
	for _, f := range closeInfos {
		if code, reason, ok := f(err); ok {
			return code, reason, true
		}
	}
	return 0, "", false
}

// recorder keeps the payloads of the pings and pongs a side saw.
type recorder struct {
	mu    sync.Mutex
	seen  map[string]bool
	count map[string]int
}

func (r *recorder) add(kind, payload string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen, r.count = map[string]bool{}, map[string]int{}
	}
	r.seen[kind+":"+payload] = true
	r.count[kind]++
}

// n is how many frames of this kind were seen.
func (r *recorder) n(kind string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.count[kind]
}

func (r *recorder) has(kind, payload string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen[kind+":"+payload]
}

// echoServer is a running echo server of one library.
type echoServer struct {
	*httptest.Server
	url  string // ws:// URL
	rec  *recorder
	done chan serverResult
}

// startServer starts kind's echo server on loopback for the test's lifetime.
func startServer(t testing.TB, kind serverKind, cfg serverConfig) *echoServer {
	t.Helper()
	s := &echoServer{rec: &recorder{}, done: make(chan serverResult, 256)}
	h := kind.handler(cfg, s.rec, s.done)
	if cfg.tls {
		s.Server = httptest.NewTLSServer(h)
	} else {
		s.Server = httptest.NewServer(h)
	}
	s.url = "ws" + strings.TrimPrefix(s.Server.URL, "http")
	t.Cleanup(s.Server.Close)
	return s
}

// result waits for the next server connection to end.
func (s *echoServer) result(t testing.TB) serverResult {
	t.Helper()
	select {
	case r := <-s.done:
		return r
	case <-time.After(hang):
		t.Fatal("the server connection did not end")
		return serverResult{}
	}
}

// dialT dials kind's client to url and fails the test if it cannot.
func dialT(t testing.TB, kind clientKind, url string, cfg dialConfig) client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	c, resp, err := kind.dial(ctx, url, cfg)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("%s dial %s: %v (HTTP status %d)", kind.name, url, err, status)
	}
	t.Cleanup(c.closeNow)
	return c
}

// payload makes a deterministic message of exactly n bytes: random bytes
// for binary, and for text valid UTF-8 mixing one- to four-byte runes, so
// that a fragment boundary may fall inside a rune.
func payload(typ, n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	b := make([]byte, 0, n)
	if typ == binaryMessage {
		for len(b) < n {
			b = append(b, byte(r.Uint32()))
		}
		return b
	}
	runes := []rune{'a', 'z', '0', ' ', 'é', 'ß', 'Ж', '€', '✓', '日', '😀', '𝄞'}
	var enc [4]byte
	for len(b) < n {
		ru := runes[r.IntN(len(runes))]
		m := utf8.EncodeRune(enc[:], ru)
		if len(b)+m > n {
			ru, m = 'x', 1
			enc[0] = 'x'
		}
		b = append(b, enc[:m]...)
	}
	return b
}

// writeChunks writes data to w in writes of at most chunk bytes, calls mid
// (if not nil) halfway, and closes w.
func writeChunks(w io.WriteCloser, data []byte, chunk int, mid func() error) error {
	half := len(data) / 2
	for i := 0; i < len(data); i += chunk {
		if mid != nil && i >= half {
			if err := mid(); err != nil {
				return err
			}
			mid = nil
		}
		if _, err := w.Write(data[i:min(i+chunk, len(data))]); err != nil {
			return err
		}
	}
	if mid != nil {
		if err := mid(); err != nil {
			return err
		}
	}
	return w.Close()
}

// The burst of TestConcurrentWriters.
const (
	burstPlease  = "burst, please"
	burstWriters = 8
	burstEach    = 50
)

// burstMessage is message i of writer w in a burst: assorted sizes, the
// first four bytes naming it, so that a reader can check each one whole.
func burstMessage(w, i int) []byte {
	m := payload(binaryMessage, 4+(w*389+i*1301)%9000, uint64(w<<16|i))
	m[0], m[1], m[2], m[3] = byte(w>>8), byte(w), byte(i>>8), byte(i)
	return m
}

// checkBurst reads burstWriters × burstEach messages and checks that each
// is a whole burst message, each arriving once and each writer's in order.
func checkBurst(c client) error {
	next := make([]int, burstWriters)
	for range burstWriters * burstEach {
		typ, m, err := c.read()
		if err != nil {
			return err
		}
		if typ != binaryMessage || len(m) < 4 {
			return fmt.Errorf("a %d-byte message of type %d", len(m), typ)
		}
		w, i := int(m[0])<<8|int(m[1]), int(m[2])<<8|int(m[3])
		if w >= burstWriters || i != next[w] {
			return fmt.Errorf("message %d of writer %d, want message %d", i, w, next[min(w, burstWriters-1)])
		}
		if want := burstMessage(w, i); !bytes.Equal(m, want) {
			return fmt.Errorf("message %d of writer %d: %s", i, w, diff(m, want))
		}
		next[w]++
	}
	return nil
}

// readInto reads r to its end into buf[:0], growing it as needed: the
// reused-buffer way to read a message from a streaming reader.
func readInto(buf []byte, r io.Reader) ([]byte, error) {
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(512, cap(buf)))
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// originAllowed is the origin rule every test server applies: no Origin
// (not a browser), the server's own host, or one of the allowed origins.
func originAllowed(r *http.Request, allowed []string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	if strings.EqualFold(strings.TrimPrefix(strings.TrimPrefix(origin, "http://"), "https://"), r.Host) {
		return true
	}
	return slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, origin) })
}

// sortedNames lists a map's keys in order, so that subtests run in a fixed order.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
