package health

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"testing/synctest"
	"time"
)

// opsStatus runs h.Status(ctx) and returns its report, or ok false if it
// has not returned after limit (fake time in a bubble). A panic in Status
// fails the test with a message.
func opsStatus(t *testing.T, h *Health, ctx context.Context, limit time.Duration) (rep Report, elapsed time.Duration, ok bool) {
	t.Helper()
	type answer struct {
		rep   Report
		panic any
	}
	done := make(chan answer, 1)
	start := time.Now()
	go func() {
		var a answer
		defer func() {
			a.panic = recover()
			done <- a
		}()
		a.rep = h.Status(ctx)
	}()
	select {
	case a := <-done:
		if a.panic != nil {
			t.Fatalf("Status panicked: %v: a check that panics must count as failed, not crash the probe (recover in its goroutine)", a.panic)
		}
		return a.rep, time.Since(start), true
	case <-time.After(limit):
		return Report{}, limit, false
	}
}

// opsCheckKind is how a random check behaves.
type opsCheckKind int

const (
	opsQuick opsCheckKind = iota // returns nil at once
	opsError                     // returns an error at once
	opsSlow                      // answers after a while, or gives up when its ctx ends
	opsDeaf                      // ignores its ctx and waits for the test to release it
	opsKinds
)

func TestOpsChecksUnderTheirTimeouts(t *testing.T) {
	for range 20 {
		synctest.Test(t, func(t *testing.T) {
			h := New()
			release := make(chan struct{})
			type want struct {
				kind   opsCheckKind
				result string // "", "failed" or "timeout"
			}
			wants := map[string]want{}
			var longest time.Duration // how long the concurrent checks take
			n := 2 + rand.IntN(5)
			for i := range n {
				name := fmt.Sprintf("c%d", i)
				timeout := time.Duration(1+rand.IntN(50)) * 100 * time.Millisecond
				kind := opsCheckKind(rand.IntN(int(opsKinds)))
				if i == 0 {
					kind = opsDeaf // always one check that hangs
				}
				w := want{kind: kind}
				var check Check
				switch kind {
				case opsQuick:
					check = func(context.Context) error { return nil }
				case opsError:
					w.result = "failed"
					check = func(context.Context) error { return errors.New("refused") }
				case opsSlow:
					takes := time.Duration(1+rand.IntN(99)) * 100 * time.Millisecond
					if takes == timeout {
						takes += 50 * time.Millisecond
					}
					if takes > timeout {
						w.result = "timeout"
					}
					longest = max(longest, min(takes, timeout))
					check = func(ctx context.Context) error {
						select {
						case <-time.After(takes):
							return nil
						case <-ctx.Done():
							return ctx.Err()
						}
					}
				case opsDeaf:
					w.result = "timeout"
					longest = max(longest, timeout)
					check = func(context.Context) error {
						<-release
						return nil
					}
				}
				wants[name] = w
				h.AddCheck(name, timeout, check)
			}

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rep, elapsed, ok := opsStatus(t, h, ctx, 10*time.Second)
			close(release)
			if !ok {
				cancel()
				t.Fatalf("Status with a check that ignores its context (timeout %v) has not returned after 10s: stop waiting for a check when its own deadline passes, and leave it to finish in the background",
					h.checks[0].timeout)
			}
			if rep.Status != StatusFail {
				t.Fatalf("Status().Status = %q, want %q: a check timed out", rep.Status, StatusFail)
			}
			for name, w := range wants {
				got := rep.Checks[name]
				wantStatus := StatusOK
				if w.result != "" {
					wantStatus = StatusFail
				}
				if got.Status != wantStatus || got.Error != w.result {
					t.Fatalf("Status() reports check %s (kind %d) as %+v, want status %q error %q: \"timeout\" when its deadline passed, \"failed\" for its own error",
						name, w.kind, got, wantStatus, w.result)
				}
			}
			if elapsed > longest {
				t.Fatalf("Status took %v, want at most %v, the longest wait of one check: run the checks concurrently, each under its own timeout",
					elapsed, longest)
			}
		})
	}
}

func TestOpsCheckPanics(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := New()
		msg := fmt.Sprintf("nil map %d", rand.IntN(1000))
		h.AddCheck("boom", time.Second, func(context.Context) error { panic(msg) })
		h.AddCheck("fine", time.Second, func(context.Context) error { return nil })
		rep, _, ok := opsStatus(t, h, context.Background(), 10*time.Second)
		if !ok {
			t.Fatal("Status with a panicking check did not return within 10s")
		}
		if got := rep.Checks["boom"]; rep.Status != StatusFail || got.Status != StatusFail || got.Error != "failed" {
			t.Fatalf("Status() with a panicking check = %+v, want it failed (\"failed\") and the rest reported", rep)
		}
		if !errors.Is(h.checks[0].runOnce(context.Background()).err, errPanic) {
			t.Fatalf("runOnce of a panicking check: its err does not wrap errPanic: recover and send fmt.Errorf(\"%%w: %%v\", errPanic, v)")
		}
	})
}
