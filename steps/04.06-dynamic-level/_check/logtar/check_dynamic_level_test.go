package logtar

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestDynamicLevelReachesEveryChild(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithLevel(LevelWarn))
	if err != nil {
		t.Fatal(err)
	}
	child := l.With("c", 1)
	family := []*Logger{l, child, child.WithCallerSkip(1), l.With("d", 2)}
	names := []string{"the parent", "a child", "a grandchild", "another child"}
	var want, steps []string
	for i := range 30 {
		setter := rng.IntN(len(family))
		level := Level(rng.IntN(25) - 8) // named levels and the ones between
		family[setter].SetLevel(level)
		steps = append(steps, fmt.Sprintf("SetLevel(%v) on %s", level, names[setter]))
		for j, lg := range family {
			at := Level(rng.IntN(25) - 8)
			msg := fmt.Sprintf("%d.%d", i, j)
			lg.Log(at, msg)
			if at >= level {
				want = append(want, msg)
			}
			if lg.Enabled(at) != (at >= level) || lg.Level() != level {
				t.Fatalf("after %s, %s has Level() %v and Enabled(%v) = %v, want %v and %v: one level, shared by every Logger of the family",
					strings.Join(steps, ", "), names[j], lg.Level(), at, lg.Enabled(at), level, at >= level)
			}
			if h := lg.Handler(); h.Enabled(context.Background(), slog.Level(at)) != (at >= level) {
				t.Fatalf("after %s, the slog handler of %s says Enabled(%v) = %v, want %v", strings.Join(steps, ", "), names[j], at, !(at >= level), at >= level)
			}
		}
	}
	l.Close()
	var got []string
	for _, r := range loggerStepRecords(t, buf.String()) {
		got = append(got, r["msg"].(string))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("records written = %v, want %v", got, want)
	}
}

func TestDynamicLevelIsSafeWhileLogging(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&loggerStepBuffer{}))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	// SetLevel writes what every logging call reads, from any goroutine,
	// without a lock: it must be an atomic (sync/atomic), or go test -race
	// reports a data race on the first overlap.
	core := reflect.ValueOf(l).Elem().FieldByName("core")
	if core.IsValid() && core.Kind() == reflect.Pointer {
		if level := core.Elem().FieldByName("level"); level.IsValid() && level.Kind() == reflect.Int {
			t.Errorf("the shared level is a plain %s, read by every logging call and written by SetLevel from any goroutine: a data race; make it an atomic.Int64", level.Type())
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 300 {
				l.Debug("d", "i", i)
				if g == 0 {
					l.SetLevel(Level(4 * (i%3 - 1)))
				}
			}
		})
	}
	wg.Wait()
}
