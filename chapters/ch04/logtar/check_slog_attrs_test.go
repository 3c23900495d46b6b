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
	// For bases of every length from 1 to 40 bytes (so that some of them
	// have spare capacity after the appends that built them), three
	// handlers made from one base, then logged: each record must carry
	// exactly its own handler's fields.
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithClock(loggerStepClock))
	if err != nil {
		t.Fatal(err)
	}
	root := slog.New(l.Handler())
	var want []string
	for n := 1; n <= 40; n++ {
		v := strings.Repeat("x", n)
		base := root.With("b", v)
		var children []*slog.Logger
		var fields []string
		for i := range 3 {
			k, x := fmt.Sprintf("c%d", i), rng.IntN(10)
			children = append(children, base.With(k, x))
			fields = append(fields, fmt.Sprintf(`"b":%q,"%s":%d`, v, k, x))
		}
		for i, c := range children {
			c.Info("m")
			want = append(want, fields[i])
		}
	}
	l.Close()
	got := strings.Split(slogStepAttrs(buf.String()), "\n")
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			g := "(nothing)"
			if i < len(got) {
				g = got[i]
			}
			t.Fatalf("three handlers made with With from one parent, then logged: a record has the fields\n%q\nwant\n%q\n(copy pre before appending to it: h.pre[:len(h.pre):len(h.pre)] makes append copy instead of writing into a sibling's memory)", g, want[i])
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
