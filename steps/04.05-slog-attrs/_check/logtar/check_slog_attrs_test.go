package logtar

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
)

func TestSlogAttrsWith(t *testing.T) {
	slogStepRun(t, []slogStepCase{
		{"With(a, 1).Info(m, b, 2)", func(l *slog.Logger) { l.With("a", 1).Info("m", "b", 2) }, `"a":1,"b":2`},
		{"With(a, 1).With(b, 2).Info(m)", func(l *slog.Logger) { l.With("a", 1).With("b", 2).Info("m") }, `"a":1,"b":2`},
		{"an empty With changes nothing", func(l *slog.Logger) { l.With().Info("m", "a", 1) }, `"a":1`},
		{"With(slog.Attr{}) adds nothing", func(l *slog.Logger) { l.With(slog.Attr{}).Info("m", "a", 1) }, `"a":1`},
		{"siblings do not share memory", func(l *slog.Logger) {
			base := l.With("a", 1)
			base.With("b", 2).Info("m")
			base.With("c", 3).Info("m")
			base.Info("m")
		}, `"a":1,"b":2` + "\n" + `"a":1,"c":3` + "\n" + `"a":1`},
	})
}

func TestSlogAttrsRandomSiblings(t *testing.T) {
	// Many handlers made from one parent, each with its own fields, logged
	// in a random order: each record must carry exactly its handler's.
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithClock(loggerStepClock))
	if err != nil {
		t.Fatal(err)
	}
	b := rng.IntN(100)
	base := slog.New(l.Handler()).With("base", b)
	type child struct {
		logger *slog.Logger
		fields string
	}
	var children []child
	for i := range 8 {
		c, fields := base, fmt.Sprintf(`"base":%d`, b)
		for j := range 1 + rng.IntN(3) {
			n := rng.IntN(1000)
			c = c.With(fmt.Sprintf("c%d_%d", i, j), n)
			fields += fmt.Sprintf(`,"c%d_%d":%d`, i, j, n)
		}
		children = append(children, child{c, fields})
	}
	var want []string
	for range 20 {
		c := children[rng.IntN(len(children))]
		c.logger.Info("m")
		want = append(want, c.fields)
	}
	l.Close()
	got := strings.Split(slogStepAttrs(buf.String()), "\n")
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			g := "(nothing)"
			if i < len(got) {
				g = got[i]
			}
			t.Fatalf("record %d, from one of 8 handlers made with With from one parent, has the fields\n%q\nwant\n%q\n(copy pre before appending to it: h.pre[:len(h.pre):len(h.pre)] makes append copy instead of writing into a sibling's memory)", i, g, want[i])
		}
	}
}

// slogAttrsCounter is a LogValuer that counts how often it is resolved.
type slogAttrsCounter struct{ calls *atomic.Int64 }

func (c slogAttrsCounter) LogValue() slog.Value {
	c.calls.Add(1)
	return slog.StringValue("counted")
}

func TestSlogAttrsEncodedOnce(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithClock(loggerStepClock))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var calls atomic.Int64
	logger := slog.New(l.Handler()).With("v", slogAttrsCounter{&calls})
	n := 2 + rand.IntN(5)
	for range n {
		logger.Info("m")
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("a LogValuer passed to With was resolved %d times for %d records, want once: encode WithAttrs' fields when the handler is made, into pre, and append those bytes to each record", got, n)
	}
	if got := slogStepAttrs(buf.String()); got != strings.TrimSuffix(strings.Repeat(`"v":"counted"`+"\n", n), "\n") {
		t.Errorf("%d records through With(v, a LogValuer) have the fields\n%q", n, got)
	}
}
