package redisstore

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// The tests run against a real Redis server: the one at REDIS_ADDR if it
// is set, or else one they start themselves from redis-server on PATH, on
// a free loopback port, stopped when they end. Without either they are
// skipped, unless REDISSTORE_REQUIRE=1, which makes that a failure (CI
// sets it, so that a missing server cannot pass for a green run).

// redisAddr is the address of the server the tests share, or "" if there
// is none; skipReason then says why.
var (
	redisAddr  string
	skipReason string
)

const howToRun = "install redis-server (apt-get install redis-server) or set REDIS_ADDR=host:port; " +
	"velocy/redisstore/run-tests.sh does both"

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	// go-redis logs every failed dial; the tests that kill the server
	// check those errors themselves.
	redis.SetLogger(quiet{})
	redisAddr = os.Getenv("REDIS_ADDR")
	if redisAddr == "" {
		if _, err := exec.LookPath("redis-server"); err != nil {
			skipReason = "no REDIS_ADDR and no redis-server on PATH: " + howToRun
		} else {
			srv, err := startServer()
			if err != nil {
				fmt.Fprintln(os.Stderr, "redisstore tests:", err)
				return 1
			}
			defer srv.stop()
			redisAddr = srv.addr
		}
	}
	if redisAddr == "" && os.Getenv("REDISSTORE_REQUIRE") == "1" {
		fmt.Fprintln(os.Stderr, "redisstore tests: REDISSTORE_REQUIRE=1 but", skipReason)
		return 1
	}
	return m.Run()
}

// quiet is a go-redis logger that drops what it is given.
type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

// server is a redis-server process the tests started.
type server struct {
	addr string
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
}

// startServer starts redis-server on a free loopback port, without
// persistence, and waits until it answers PING.
func startServer() (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("redis-server", "--port", fmt.Sprint(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--loglevel", "warning")
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	s := &server{addr: fmt.Sprintf("127.0.0.1:%d", port), cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := ping(s.addr); err == nil {
			return s, nil
		} else if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("redis-server on %s did not answer PING within 10s: %w", s.addr, err)
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("redis-server on %s exited at start (port taken?)", s.addr)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop kills the server and waits for it to exit.
func (s *server) stop() {
	s.cmd.Process.Kill()
	<-s.done
}

// freePort returns a port that was free on 127.0.0.1 a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// ping sends PING over a plain connection, without go-redis.
func ping(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return fmt.Errorf("PING answered %q", line)
	}
	return nil
}

// clientOptions are the options of every test client: short timeouts and
// no retries, so that a server that is gone or stuck shows as an error
// within a fraction of a second.
func clientOptions(addr string) *redis.Options {
	return &redis.Options{
		Addr:                  addr,
		DialTimeout:           250 * time.Millisecond,
		ReadTimeout:           250 * time.Millisecond,
		WriteTimeout:          250 * time.Millisecond,
		ContextTimeoutEnabled: true,
		MaxRetries:            -1,
		DialerRetries:         1,
		PoolSize:              32,
		MaintNotificationsConfig: &maintnotifications.Config{
			Mode: maintnotifications.ModeDisabled,
		},
	}
}

// newClient returns a client of the shared server, closed when the test
// ends, or skips the test if there is no server.
func newClient(tb testing.TB) *redis.Client {
	tb.Helper()
	if redisAddr == "" {
		tb.Skip(skipReason)
	}
	c := redis.NewClient(clientOptions(redisAddr))
	tb.Cleanup(func() { c.Close() })
	return c
}

// prefixes numbers the key prefixes, so that tests sharing a server (and
// the parallel ones) never see each other's keys.
var prefixes atomic.Int64

// testPrefix returns a key prefix no other test of this run uses, and
// deletes the test's keys when it ends: REDIS_ADDR may be a server the
// developer uses for other things.
func testPrefix(tb testing.TB) string {
	p := fmt.Sprintf("redisstore-test:%d:%d:%s:", os.Getpid(), prefixes.Add(1), tb.Name())
	if redisAddr != "" {
		tb.Cleanup(func() { deleteKeys(tb, p) })
	}
	return p
}

// deleteKeys deletes the keys that start with prefix, if the server is
// still there.
func deleteKeys(tb testing.TB, prefix string) {
	c := redis.NewClient(clientOptions(redisAddr))
	defer c.Close()
	ctx := context.Background()
	pattern := strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`, "]", `\]`).Replace(prefix) + "*"
	iter := c.Scan(ctx, 0, pattern, 1000).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		tb.Logf("cleaning up %s*: %v", prefix, err)
		return
	}
	if len(keys) > 0 {
		if err := c.Del(ctx, keys...).Err(); err != nil {
			tb.Logf("cleaning up %s*: %v", prefix, err)
		}
	}
}

// roundTrips counts what a client sends to the server: a command is one
// round trip, and so is a pipeline, however many commands it holds.
type roundTrips struct {
	commands  atomic.Int64
	pipelines atomic.Int64
	names     chan string // the command names, if not nil and not full
}

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		r.commands.Add(1)
		if r.names != nil {
			select {
			case r.names <- cmd.Name():
			default:
			}
		}
		return next(ctx, cmd)
	}
}

func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		r.pipelines.Add(1)
		return next(ctx, cmds)
	}
}

// total returns the round trips counted so far.
func (r *roundTrips) total() int64 { return r.commands.Load() + r.pipelines.Load() }

// scriptCalls returns the server's count of calls per command name, from
// INFO commandstats, for the commands that run scripts.
func scriptCalls(tb testing.TB, c *redis.Client) map[string]int64 {
	tb.Helper()
	info, err := c.Info(context.Background(), "commandstats").Result()
	if err != nil {
		tb.Fatal(err)
	}
	calls := map[string]int64{}
	for line := range strings.Lines(info) {
		// cmdstat_evalsha:calls=12,usec=345,...
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":calls=")
		if !ok {
			continue
		}
		name = strings.TrimPrefix(name, "cmdstat_")
		if name != "eval" && name != "evalsha" {
			continue
		}
		n, _, _ := strings.Cut(rest, ",")
		calls[name], _ = strconv.ParseInt(n, 10, 64)
	}
	return calls
}
