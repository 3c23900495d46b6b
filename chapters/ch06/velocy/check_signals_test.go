package velocy

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// signalsSend sends sig to the test process. The caller has registered a
// channel of its own for sig with signal.Notify, so that the signal cannot
// end the test.
func signalsSend(t *testing.T, sig os.Signal) {
	t.Helper()
	self, err := os.FindProcess(os.Getpid())
	if err == nil {
		err = self.Signal(sig)
	}
	if err != nil {
		t.Skipf("sending %v: %v", sig, err)
	}
}

func TestSignalContextDoneOnSignal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("this system cannot send SIGINT and SIGTERM to a process")
	}
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		mine := make(chan os.Signal, 1)
		signal.Notify(mine, sig)
		ctx, stop := SignalContext(context.Background())
		signalsSend(t, sig)
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
			t.Errorf("SignalContext's context was not done 5s after the process got %v: use signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)", sig)
		}
		<-mine
		stop()
		signal.Stop(mine)
	}
}

func TestSignalContextKeepsItsParent(t *testing.T) {
	type key struct{}
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "mine"))
	ctx, stop := SignalContext(parent)
	defer stop()
	if ctx.Value(key{}) != "mine" {
		t.Errorf("SignalContext(parent) lost the parent's values: derive the new context from it")
	}
	cancel()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Errorf("SignalContext(parent) was not done 5s after parent was cancelled")
	}
}

// TestServeCatchesNoSignals keeps the promise of the lesson: Serve leaves
// signals to the program. SIGTERM goes to the test's own channel, and the
// server goes on serving.
func TestServeCatchesNoSignals(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("this system cannot send SIGTERM to a process")
	}
	mine := make(chan os.Signal, 1)
	signal.Notify(mine, syscall.SIGTERM)
	defer signal.Stop(mine)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "up") })
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, r) }()
	get := func() string {
		client := &http.Client{Timeout: 5 * time.Second}
		resp, err := client.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if got := get(); got != "up" {
		t.Fatalf("GET / = %q, want \"up\"", got)
	}
	signalsSend(t, syscall.SIGTERM)
	<-mine
	if got := get(); got != "up" {
		t.Errorf("after SIGTERM, GET / = %q, want \"up\": Serve must not catch signals, SignalContext is for that", got)
	}
	cancel()
	select {
	case <-served:
	case <-time.After(10 * time.Second):
		t.Fatal("Serve had not returned 10s after its context was cancelled")
	}
}
