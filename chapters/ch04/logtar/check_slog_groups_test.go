package logtar

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/slogtest"
)

func TestSlogGroupsOutput(t *testing.T) {
	slogStepRun(t, []slogStepCase{
		{"WithGroup(g).Info(m, a, 1)", func(l *slog.Logger) { l.WithGroup("g").Info("m", "a", 1) }, `"g":{"a":1}`},
		{"a group without attributes is left out", func(l *slog.Logger) { l.WithGroup("g").Info("m") }, ``},
		{"a group of empty Attrs is left out", func(l *slog.Logger) { l.WithGroup("g").Info("m", slog.Attr{}) }, ``},
		{"nested groups", func(l *slog.Logger) { l.WithGroup("g").With("a", 1).WithGroup("h").Info("m", "b", 2) }, `"g":{"a":1,"h":{"b":2}}`},
		{"nested groups, the last one empty", func(l *slog.Logger) { l.WithGroup("g").With("a", 1).WithGroup("h").Info("m") }, `"g":{"a":1}`},
		{"an empty group name adds no group", func(l *slog.Logger) { l.WithGroup("").Info("m", "a", 1) }, `"a":1`},
		{"an empty With inside a group changes nothing", func(l *slog.Logger) { l.WithGroup("g").With().Info("m", "a", 1) }, `"g":{"a":1}`},
		{"With before WithGroup stays outside it", func(l *slog.Logger) { l.With("a", 1).WithGroup("g").Info("m", "b", 2) }, `"a":1,"g":{"b":2}`},
		{"sibling groups do not share memory", func(l *slog.Logger) {
			base := l.WithGroup("a").WithGroup("b").WithGroup("c")
			x, y := base.WithGroup("x"), base.WithGroup("y")
			x.Info("m", "k", 1)
			y.Info("m", "k", 2)
		}, `"a":{"b":{"c":{"x":{"k":1}}}}` + "\n" + `"a":{"b":{"c":{"y":{"k":2}}}}`},
	})
}

// slogGroupsNode is a group, or the record's top level, in the fields a
// chain of With and WithGroup calls must produce.
type slogGroupsNode struct {
	name  string
	items []any // string (a field, already encoded) or *slogGroupsNode
}

// render writes the node's fields; a group with nothing in it, at any
// depth, writes nothing.
func (n *slogGroupsNode) render() string {
	var parts []string
	for _, it := range n.items {
		switch it := it.(type) {
		case string:
			parts = append(parts, it)
		case *slogGroupsNode:
			if inner := it.render(); inner != "" {
				parts = append(parts, fmt.Sprintf("%q:{%s}", it.name, inner))
			}
		}
	}
	return strings.Join(parts, ",")
}

func TestSlogGroupsRandomChains(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 40 {
		var buf loggerStepBuffer
		l, err := New(NewConfig().WithWriter(&buf).WithClock(loggerStepClock))
		if err != nil {
			t.Fatal(err)
		}
		logger := slog.New(l.Handler())
		top := &slogGroupsNode{}
		cur := top
		var calls []string
		field := func() (slog.Attr, string) {
			k, v := fmt.Sprintf("k%d", rng.IntN(100)), rng.IntN(1000)
			return slog.Int(k, v), fmt.Sprintf("%q:%d", k, v)
		}
		for range rng.IntN(6) {
			switch rng.IntN(3) {
			case 0:
				name := []string{"", "g", "h", "req"}[rng.IntN(4)]
				logger = logger.WithGroup(name)
				calls = append(calls, fmt.Sprintf("WithGroup(%q)", name))
				if name != "" {
					child := &slogGroupsNode{name: name}
					cur.items = append(cur.items, child)
					cur = child
				}
			default:
				var attrs []any
				for range rng.IntN(3) {
					a, text := field()
					attrs = append(attrs, a)
					cur.items = append(cur.items, text)
				}
				logger = logger.With(attrs...)
				calls = append(calls, fmt.Sprintf("With(%v)", attrs))
			}
		}
		var attrs []any
		for range rng.IntN(3) {
			a, text := field()
			attrs = append(attrs, a)
			cur.items = append(cur.items, text)
		}
		logger.Info("m", attrs...)
		calls = append(calls, fmt.Sprintf("Info(m, %v)", attrs))
		l.Close()
		want := top.render()
		if got := slogStepAttrs(buf.String()); got != want {
			t.Fatalf("%s wrote the fields\n%q\nwant\n%q\n(a group is opened only once something is written in it, and closed at the end of the record)",
				strings.Join(calls, "."), got, want)
		}
	}
}

func TestSlogGroupsConformance(t *testing.T) {
	for _, async := range []bool{false, true} {
		var buf loggerStepBuffer
		l, err := New(NewConfig().WithWriter(&buf).WithLevel(LevelDebug).WithAsync(async))
		if err != nil {
			t.Fatal(err)
		}
		results := func() []map[string]any {
			if err := l.Sync(); err != nil {
				t.Fatalf("Sync() = %v", err)
			}
			return loggerStepRecords(t, buf.String())
		}
		// slogtest logs records through the handler and checks every rule
		// slog sets for handlers; each error names a rule that is broken.
		if err := slogtest.TestHandler(l.Handler(), results); err != nil {
			mode := map[bool]string{false: "sync", true: "async"}[async]
			t.Errorf("slogtest.TestHandler (%s mode) found:\n%v", mode, err)
		}
		if err := l.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	}
}
