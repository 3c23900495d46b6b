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
	k := &keepalive{c: c, interval: c.opts.PingInterval, timeout: c.opts.PongTimeout, start: time.Now(), pingAt: -1}
	if k.timeout <= 0 {
		k.timeout = k.interval
	}
	c.ka = k
	k.mu.Lock() // tick reads k.timer under mu
	k.timer = time.AfterFunc(k.interval, k.tick)
	k.mu.Unlock()
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
	k.mu.Lock()
	if k.stopped {
		k.mu.Unlock()
		return
	}
	now := time.Since(k.start)
	last := time.Duration(k.last.Load())
	if k.pingAt >= 0 && last < k.pingAt {
		if since := now - k.pingAt; since < k.timeout {
			k.timer.Reset(k.timeout - since)
			k.mu.Unlock()
			return
		}
		// Nothing since the ping, for PongTimeout: the peer is gone.
		k.dead.Store(true)
		k.stopped = true
		k.mu.Unlock()
		k.c.nc.Close()
		return
	}
	k.pingAt = -1
	if silent := now - last; silent < k.interval {
		k.timer.Reset(k.interval - silent)
		k.mu.Unlock()
		return
	}
	k.pingAt = now
	// Wake again after the shorter of the two: at the timeout if no pong
	// comes, but no later than one interval, so that a PongTimeout longer
	// than PingInterval does not stretch the gap between pings.
	k.timer.Reset(min(k.interval, k.timeout))
	k.mu.Unlock()
	// Outside mu: the write may wait for a writer. Its error shows as a
	// read error soon enough.
	k.c.writeControl(opPing, nil, time.Now().Add(k.timeout))
}
