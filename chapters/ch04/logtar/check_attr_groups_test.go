package logtar

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
)

// attrGroupsPoint is a LogValuer that logs as a group.
type attrGroupsPoint struct{ x, y int }

func (p attrGroupsPoint) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("x", p.x), slog.Int("y", p.y))
}

// attrGroupsSecret is a LogValuer that logs as a plain string.
type attrGroupsSecret string

func (attrGroupsSecret) LogValue() slog.Value { return slog.StringValue("***") }

func TestAttrGroupsRules(t *testing.T) {
	tests := []struct {
		name string
		give []any
		want string
	}{
		{"a group", []any{slog.Group("g", "a", 1, "b", 2)}, `,"g":{"a":1,"b":2}`},
		{"nested groups", []any{slog.Group("g", slog.Group("h", "a", 1))}, `,"g":{"h":{"a":1}}`},
		{"an empty group is left out", []any{slog.Group("g"), "a", 1}, `,"a":1`},
		{"a group of empty Attrs is left out", []any{slog.Group("g", slog.Attr{}), "a", 1}, `,"a":1`},
		{"a group holding only an empty group is left out", []any{slog.Group("g", slog.Group("h")), "a", 1}, `,"a":1`},
		{"a group with an empty key is inlined", []any{slog.Group("", "a", 1, "b", 2)}, `,"a":1,"b":2`},
		{"an inlined group inside a group", []any{slog.Group("g", slog.Group("", "a", 1), "b", 2)}, `,"g":{"a":1,"b":2}`},
		{"the empty Attr is left out", []any{slog.Attr{}, "a", 1}, `,"a":1`},
		{"an empty key with a value is kept", []any{"", 1}, `,"":1`},
		{"a LogValuer is resolved", []any{"p", attrGroupsPoint{1, 2}}, `,"p":{"x":1,"y":2}`},
		{"a LogValuer that gives a string", []any{"pw", attrGroupsSecret("hunter2")}, `,"pw":"***"`},
		{"a LogValuer inside a group", []any{slog.Group("g", "p", attrGroupsPoint{3, 4})}, `,"g":{"p":{"x":3,"y":4}}`},
	}
	for _, tt := range tests {
		prefix := `{"msg":"m"`
		got := string(appendArgs([]byte(prefix), tt.give))
		if got != prefix+tt.want {
			t.Errorf("appendArgs with %s: appended %q, want %q", tt.name, strings.TrimPrefix(got, prefix), tt.want)
			continue
		}
		if !json.Valid([]byte(got + "}")) {
			t.Errorf("appendArgs with %s: the record %q is not valid JSON", tt.name, got+"}")
		}
	}
}

// attrGroupsTree returns a random attribute, possibly a group of groups,
// and its fields as they must be written ("" when it writes nothing).
func attrGroupsTree(rng *rand.Rand, depth int) (slog.Attr, string) {
	key := fmt.Sprintf("k%d", rng.IntN(100))
	switch r := rng.IntN(10); {
	case r == 0:
		return slog.Attr{}, ""
	case r < 4 || depth == 0:
		n := rng.IntN(1000)
		return slog.Int(key, n), fmt.Sprintf("%q:%d", key, n)
	}
	if rng.IntN(4) == 0 {
		key = "" // inline
	}
	var members []any
	var written []string
	for range rng.IntN(4) {
		a, want := attrGroupsTree(rng, depth-1)
		members = append(members, a)
		if want != "" {
			written = append(written, want)
		}
	}
	inner := strings.Join(written, ",")
	switch {
	case key == "":
		return slog.Group(key, members...), inner
	case inner == "":
		return slog.Group(key, members...), ""
	}
	return slog.Group(key, members...), fmt.Sprintf("%q:{%s}", key, inner)
}

func TestAttrGroupsRandomTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 50 {
		var args []any
		var want strings.Builder
		for range 1 + rng.IntN(3) {
			a, text := attrGroupsTree(rng, 3)
			args = append(args, a)
			if text != "" {
				want.WriteString("," + text)
			}
		}
		prefix := `{"msg":"m"`
		got := string(appendArgs([]byte(prefix), args))
		if got != prefix+want.String() {
			t.Fatalf("appendArgs(%v) appended\n%q\nwant\n%q\n(empty groups and empty Attrs vanish; a group with an empty key is inlined)",
				args, strings.TrimPrefix(got, prefix), want.String())
		}
	}
}

func TestAttrGroupsDoNotAllocate(t *testing.T) {
	attrs := []slog.Attr{
		slog.Group("user", slog.Int("id", 42), slog.String("name", "ann")),
		slog.Group("empty"),
		slog.Group("", slog.Bool("inline", true)),
	}
	buf := make([]byte, 0, 1024)
	n := testing.AllocsPerRun(100, func() {
		buf = buf[:0]
		for _, a := range attrs {
			buf = appendAttr(buf, a)
		}
	})
	if n != 0 {
		t.Errorf("appendAttr of groups allocates %v times, want 0: write into b and cut it back, no temporary slices", n)
	}
}
