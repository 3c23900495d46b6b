package redisstore

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
	"github.com/redis/go-redis/v9"
)

// Redis being down must show as an error, soon: a request that waits
// forever for its rate limit holds a connection and a goroutine, and a
// few thousand of them take the instance down with Redis. The test client
// has 250 ms timeouts and no retries; answerSoon fails a call that takes
// more than 5 s, far beyond those, so it catches a hang, not a slow
// machine.

// answerSoon runs call and returns its error, failing the test if it has
// not returned within 5 seconds.
func answerSoon(t *testing.T, what string, call func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: no answer within 5 s with 250 ms timeouts: it hangs", what)
		return nil
	}
}

// privateServer starts a redis-server of the test's own, which it may
// kill or stop, or skips the test if there is no redis-server on PATH.
func privateServer(t *testing.T) *server {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("REDISSTORE_REQUIRE") == "1" {
			t.Fatal("REDISSTORE_REQUIRE=1 and no redis-server on PATH to start and kill")
		}
		t.Skip("this test starts and kills its own redis-server: " + howToRun)
	}
	srv, err := startServer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.stop)
	return srv
}

func TestNoServerIsAnError(t *testing.T) {
	port, err := freePort() // free a moment ago, so nobody listens
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(clientOptions(net.JoinHostPort("127.0.0.1", strconv.Itoa(port))))
	defer c.Close()
	ctx := context.Background()
	p := ratelimit.Policy{Limit: 3, Period: time.Second}

	err = answerSoon(t, "Limiter.Allow", func() error {
		_, err := NewLimiter(c, "x:").Allow(ctx, "k", p)
		return err
	})
	checkRefused(t, err, "redisstore: limiter: dial tcp")
	err = answerSoon(t, "Store.Get", func() error {
		_, _, err := NewStore(c, "x:").Get(ctx, "k")
		return err
	})
	checkRefused(t, err, `redisstore: get "k": dial tcp`)
	err = answerSoon(t, "Sessions.Load", func() error {
		_, _, err := NewSessions(c, "x:").Load(ctx, "id")
		return err
	})
	checkRefused(t, err, "redisstore: load session: dial tcp")
}

// checkRefused wants err to start with prefix and to be a refused
// connection that errors.Is and errors.As can see through.
func checkRefused(t *testing.T, err error, prefix string) {
	t.Helper()
	var op *net.OpError
	if err == nil || !strings.HasPrefix(err.Error(), prefix) ||
		!errors.Is(err, syscall.ECONNREFUSED) || !errors.As(err, &op) {
		t.Errorf("error %v, want one starting %q that wraps ECONNREFUSED", err, prefix)
	}
}

// TestServerKilled: the limiter works, then the server dies under it.
func TestServerKilled(t *testing.T) {
	srv := privateServer(t)
	c := redis.NewClient(clientOptions(srv.addr))
	defer c.Close()
	l := NewLimiter(c, testPrefix(t))
	p := ratelimit.Policy{Limit: 100, Period: time.Second}
	ctx := context.Background()
	if _, err := l.Allow(ctx, "k", p); err != nil {
		t.Fatal(err)
	}
	srv.stop()
	// The first call may meet the pooled connection the server closed
	// (EOF, reset), the later ones dial and are refused; all fail.
	for i := range 3 {
		err := answerSoon(t, "Allow after kill", func() error {
			_, err := l.Allow(ctx, "k", p)
			return err
		})
		if err == nil || !strings.HasPrefix(err.Error(), "redisstore: limiter: ") {
			t.Fatalf("call %d after the server was killed: error %v", i, err)
		}
		t.Logf("call %d: %v", i, err)
	}
	err := answerSoon(t, "Allow after kill", func() error {
		_, err := l.Allow(ctx, "k", p)
		return err
	})
	checkRefused(t, err, "redisstore: limiter: dial tcp")
}

// TestServerStuck: a server that accepts connections and never answers
// (SIGSTOP) gives a timeout, from the client's ReadTimeout or from the
// request's deadline, and the limiter works again once it is back.
func TestServerStuck(t *testing.T) {
	srv := privateServer(t)
	c := redis.NewClient(clientOptions(srv.addr))
	defer c.Close()
	l := NewLimiter(c, testPrefix(t))
	p := ratelimit.Policy{Limit: 100, Period: time.Second}
	ctx := context.Background()
	if _, err := l.Allow(ctx, "k", p); err != nil {
		t.Fatal(err)
	}
	if err := srv.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	defer srv.cmd.Process.Signal(syscall.SIGCONT)

	err := answerSoon(t, "Allow on a stopped server", func() error {
		_, err := l.Allow(ctx, "k", p)
		return err
	})
	var ne net.Error
	if err == nil || !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("Allow on a stopped server: %v, want a timeout", err)
	}

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	err = answerSoon(t, "Allow with a deadline", func() error {
		_, err := l.Allow(short, "k", p)
		return err
	})
	if err == nil || !(errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()) {
		t.Errorf("Allow with a 50ms deadline on a stopped server: %v, want a timeout", err)
	}

	if err := srv.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Allow(ctx, "k", p); err != nil {
		t.Fatalf("Allow once the server is back: %v", err)
	}
}
