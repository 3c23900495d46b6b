package interop

import (
	"context"
	"encoding/binary"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// benchSize is the size of an echoed message in the benchmarks.
const benchSize = 4 << 10

// benchServers are the echo servers benchmarked, in the order reported;
// each reads a message into a reused buffer and writes it back (see
// velocyEcho, gorillaEcho, coderEcho).
var benchServers = []string{"velocy", "gorilla", "coder"}

// benchClients are the numbers of clients echoing at once.
var benchClients = []int{64, 1}

// benchClient is one gorilla client connection of a benchmark with its
// message and read buffer, both reused.
type benchClient struct {
	c   *websocket.Conn
	msg []byte
	buf []byte
}

// startBenchServer starts an echo server of this kind and dials n gorilla
// clients to it; both are closed when the benchmark ends.
func startBenchServer(b *testing.B, kind string, n int) []*benchClient {
	b.Helper()
	s := httptest.NewServer(serverKinds[kind].handler(serverConfig{}, &recorder{}, nil))
	b.Cleanup(s.Close)
	url := "ws" + strings.TrimPrefix(s.URL, "http")
	// A write buffer larger than a message: every message is one frame.
	d := websocket.Dialer{HandshakeTimeout: hang, WriteBufferSize: 2 * benchSize}
	clients := make([]*benchClient, n)
	for i := range clients {
		ctx, cancel := context.WithTimeout(context.Background(), hang)
		c, _, err := d.DialContext(ctx, url, nil)
		cancel()
		if err != nil {
			b.Fatalf("dial %s server: %v", kind, err)
		}
		b.Cleanup(func() { c.Close() })
		clients[i] = &benchClient{c: c, msg: payload(binaryMessage, benchSize, uint64(i)), buf: make([]byte, 0, benchSize)}
	}
	return clients
}

// echoAll has the clients send and read back total messages between them,
// as fast as each one's round trips allow, and checks every echo. Each
// message carries a fresh sequence number, so that an echo of a stale
// buffer is caught.
func echoAll(clients []*benchClient, total int64) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, len(clients))
	for _, bc := range clients {
		wg.Go(func() {
			for {
				seq := next.Add(1)
				if seq > total {
					return
				}
				if err := bc.roundTrip(uint64(seq)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// roundTrip sends one message numbered seq and checks its echo.
func (bc *benchClient) roundTrip(seq uint64) error {
	binary.LittleEndian.PutUint64(bc.msg, seq)
	if err := bc.c.WriteMessage(websocket.BinaryMessage, bc.msg); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	typ, r, err := bc.c.NextReader()
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if bc.buf, err = readInto(bc.buf, r); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if typ != websocket.BinaryMessage || string(bc.buf) != string(bc.msg) {
		return fmt.Errorf("echo of message %d: type %d, %s", seq, typ, diff(bc.buf, bc.msg))
	}
	return nil
}

// BenchmarkEcho measures each server's echo of 4 KiB binary messages to
// gorilla clients over loopback: one op is one message sent and read back.
// msgs/s counts round trips; MB/s is the payload one way (msgs/s × 4 KiB).
// Allocations are the whole process's, client included (the same client
// for every server).
func BenchmarkEcho(b *testing.B) {
	for _, kind := range benchServers {
		if _, ok := serverKinds[kind]; !ok {
			continue
		}
		for _, n := range benchClients {
			b.Run(fmt.Sprintf("server=%s/clients=%d", kind, n), func(b *testing.B) {
				clients := startBenchServer(b, kind, n)
				b.ReportAllocs()
				b.ResetTimer()
				start := time.Now()
				if err := echoAll(clients, int64(b.N)); err != nil {
					b.Fatal(err)
				}
				elapsed := time.Since(start).Seconds()
				b.StopTimer()
				b.ReportMetric(float64(b.N)/elapsed, "msgs/s")
				b.ReportMetric(float64(b.N)*benchSize/1e6/elapsed, "MB/s")
			})
		}
	}
}

// pairedBlock is how many messages each side echoes in one op of
// BenchmarkEchoPaired, shared among its clients.
const pairedBlock = 2048

// BenchmarkEchoPaired measures velocy against gorilla side by side, so
// that both see the machine's load at the same moment: each op has the
// velocy server's clients echo a block of messages and then the gorilla
// server's (the order swapped every op), and the benchmark reports the
// median over the ops of (velocy rate / gorilla rate) as x-gorilla (the
// bar is 0.8), with each side's median messages per second.
func BenchmarkEchoPaired(b *testing.B) {
	if _, ok := serverKinds["velocy"]; !ok {
		b.Skip("no velocy server")
	}
	for _, n := range benchClients {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			v := startBenchServer(b, "velocy", n)
			g := startBenchServer(b, "gorilla", n)
			timed := func(clients []*benchClient) float64 {
				start := time.Now()
				if err := echoAll(clients, pairedBlock); err != nil {
					b.Fatal(err)
				}
				return pairedBlock / time.Since(start).Seconds()
			}
			var ratios, vRate, gRate []float64
			i := 0
			for b.Loop() {
				var vr, gr float64
				if i%2 == 0 {
					vr, gr = timed(v), timed(g)
				} else {
					gr, vr = timed(g), timed(v)
				}
				i++
				ratios = append(ratios, vr/gr)
				vRate = append(vRate, vr)
				gRate = append(gRate, gr)
			}
			b.ReportMetric(median(ratios), "x-gorilla")
			b.ReportMetric(median(vRate), "velocy-msgs/s")
			b.ReportMetric(median(gRate), "gorilla-msgs/s")
		})
	}
}

// median is the middle of xs (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
