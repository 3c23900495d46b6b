package clients

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// hang bounds every wait: a deadline against hanging, never a timing
// assertion.
const hang = 60 * time.Second

// chatPackage is the chat app, built once for all the tests.
const chatPackage = "github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch11/chat"

var (
	buildOnce sync.Once
	chatBin   string
	buildErr  error
)

// chatBinary builds the chat app, with the race detector: the server is
// where velocy/ws runs, so a data race there shows up in its log and fails
// its exit status.
func chatBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ws-clients-")
		if err != nil {
			buildErr = err
			return
		}
		chatBin = filepath.Join(dir, "chat")
		cmd := exec.Command(goTool(), "build", "-race", "-o", chatBin, chatPackage)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build %s: %v\n%s", chatPackage, err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return chatBin
}

// goTool is the go command that runs this test.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// TestMain removes the chat binary after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if chatBin != "" {
		os.RemoveAll(filepath.Dir(chatBin))
	}
	os.Exit(code)
}

// chatServer is the chat app running in its own process.
type chatServer struct {
	URL  string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	logs syncBuffer
	done chan error
}

// startChat starts the chat app on a loopback port chosen by the system.
// The test's cleanup stops it with SIGTERM, as a service manager would,
// and fails the test if it does not exit cleanly or its log shows a data
// race.
func startChat(t *testing.T) *chatServer {
	t.Helper()
	s := &chatServer{done: make(chan error, 1)}
	s.cmd = exec.Command(chatBinary(t), "-addr", "127.0.0.1:0")
	s.cmd.Stderr = &s.logs
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- l
		// The program prints nothing else; drain stdout to its end so
		// that Wait does not wait on the pipe.
		var rest bytes.Buffer
		rest.ReadFrom(stdout)
		s.done <- s.cmd.Wait()
	}()
	select {
	case l := <-line:
		url, ok := strings.CutPrefix(strings.TrimSpace(l), "listening on ")
		if !ok {
			s.cmd.Process.Kill()
			t.Fatalf("the chat app printed %q; its log:\n%s", l, s.logs.String())
		}
		s.URL = url
	case <-time.After(hang):
		s.cmd.Process.Kill()
		t.Fatalf("the chat app did not start; its log:\n%s", s.logs.String())
	}
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop sends SIGTERM and waits for the exit.
func (s *chatServer) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	var err error
	select {
	case err = <-s.done:
	case <-time.After(hang):
		s.cmd.Process.Kill()
		err = fmt.Errorf("no exit %v after SIGTERM", hang)
		<-s.done
	}
	logs := s.logs.String()
	if err != nil {
		t.Errorf("chat app: %v; its log:\n%s", err, logs)
	} else if strings.Contains(logs, "DATA RACE") {
		t.Errorf("the chat app's log shows a data race:\n%s", logs)
	} else if testing.Verbose() {
		t.Logf("the chat app's log:\n%s", logs)
	}
}

// require skips the test for want of what, or fails it when
// WS_REQUIRE_CLIENTS=1 (run-tests.sh sets it: there a missing client is a
// broken install, not a machine without a browser).
func require(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("WS_REQUIRE_CLIENTS") == "1" {
		t.Fatalf("%s (WS_REQUIRE_CLIENTS=1: run-tests.sh should have installed it)", what)
	}
	t.Skipf("%s: skipped; run-tests.sh installs it", what)
}

// syncBuffer is a bytes.Buffer that a process writes while the test may
// read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
