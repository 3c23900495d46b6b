package ws

import (
	"sync"
	"sync/atomic"
	"time"
)

// keepalive pings a silent peer and closes the connection when the peer
// stays silent after the ping. It is one timer (time.AfterFunc), not a
// goroutine: the timer's function runs only when it fires, and it
// re-arms itself for the next moment anything could be due.
//
// The reader marks every frame header and payload chunk with touch (an
// atomic store of a monotonic time); the timer compares.
type keepalive struct {
	c        *Conn
	interval time.Duration
	timeout  time.Duration
	start    time.Time
	last     atomic.Int64 // when the peer last sent something, since start
	dead     atomic.Bool  // the peer missed a pong: the reader reports ErrDeadPeer

	mu      sync.Mutex // the timer's function against stop
	timer   *time.Timer
	stopped bool
	pingAt  time.Duration // when the outstanding ping went out; -1: none
}

func (c *Conn) startKeepalive() {
	// TODO(11.08): a keepalive with the options' interval and timeout
	// (PongTimeout 0: PingInterval), stored in c.ka, its timer armed.
}

// touch records that the peer sent something.
func (k *keepalive) touch() { k.last.Store(int64(time.Since(k.start))) }

// stop disarms the timer for good.
func (k *keepalive) stop() {
	k.mu.Lock()
	k.stopped = true
	k.timer.Stop()
	k.mu.Unlock()
}

func (k *keepalive) tick() {
	// TODO(11.08): a ping after interval of silence; the connection
	// closed (k.dead set) if nothing came timeout after the ping.
}
