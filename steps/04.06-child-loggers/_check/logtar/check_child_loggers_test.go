package logtar

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
)

// childStepArgs returns n random key/value pairs and their encoding.
func childStepArgs(rng *rand.Rand, prefix string, n int) ([]any, string) {
	var args []any
	var enc strings.Builder
	for i := range n {
		key := fmt.Sprintf("%s%d", prefix, i)
		switch rng.IntN(3) {
		case 0:
			v := rng.IntN(1000)
			args = append(args, key, v)
			fmt.Fprintf(&enc, `,%q:%d`, key, v)
		case 1:
			v := fmt.Sprintf("v%d", rng.IntN(1000))
			args = append(args, key, v)
			fmt.Fprintf(&enc, `,%q:%q`, key, v)
		default:
			v := rng.IntN(2) == 0
			args = append(args, slog.Bool(key, v))
			fmt.Fprintf(&enc, `,%q:%v`, key, v)
		}
	}
	return args, enc.String()
}

func TestChildLoggersWith(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for _, async := range []bool{false, true} {
		var buf loggerStepBuffer
		l, err := New(NewConfig().WithWriter(&buf).WithClock(logFilesStepClock).WithAsync(async))
		if err != nil {
			t.Fatal(err)
		}
		preset, presetEnc := childStepArgs(rng, "p", 1+rng.IntN(4))
		more, moreEnc := childStepArgs(rng, "q", 1+rng.IntN(3))
		own, ownEnc := childStepArgs(rng, "c", rng.IntN(3))
		child := l.With(preset...)
		grandchild := child.With(more...)
		head := string(appendHeader(nil, logFilesStepClock(), LevelInfo, "m"))
		want := []string{
			head + presetEnc + ownEnc + "}\n",
			head + ownEnc + "}\n",
			head + presetEnc + moreEnc + ownEnc + "}\n",
			head + presetEnc + "}\n",
		}
		child.Info("m", own...)
		l.Info("m", own...)
		grandchild.Info("m", own...)
		slog.New(child.Handler()).Info("m")
		if l.With() != l {
			t.Errorf("l.With() with no arguments made a new Logger, want l itself: there is nothing to add")
		}
		grandchild.Close() // closes them all: they share one output
		l.Info("after Close")
		err = child.Close()
		got := strings.SplitAfter(buf.String(), "\n")
		for i := range want {
			if i >= len(got) || got[i] != want[i] {
				g := "(nothing)"
				if i < len(got) {
					g = got[i]
				}
				t.Fatalf("async %v: record %d (of a child with %v, its parent, a grandchild that adds %v, and a slog Logger on the child) =\n%s\nwant\n%s\nWith encodes its args once into pre, and log appends pre after the caller",
					async, i+1, preset, more, g, want[i])
			}
		}
		if err == nil || !strings.Contains(err.Error(), "dropped 1 record") {
			t.Errorf("async %v: closing a grandchild, then logging through the parent: its Close() = %v, want the record counted as dropped: a child shares its parent's core, closing included", async, err)
		}
	}
}

func TestChildLoggersSiblingsShareNoMemory(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for n := range 40 { // parents of every length, so that some have spare capacity
		var buf loggerStepBuffer
		l, err := New(NewConfig().WithWriter(&buf).WithClock(logFilesStepClock))
		if err != nil {
			t.Fatal(err)
		}
		parent := l.With("p", strings.Repeat("x", n))
		a, b := rng.IntN(1000), rng.IntN(1000)
		x := parent.With("a", a)
		y := parent.With("b", b)
		x.Info("x")
		y.Info("y")
		l.Close()
		lines := strings.Split(buf.String(), "\n")
		wantX := fmt.Sprintf(`"p":%q,"a":%d}`, strings.Repeat("x", n), a)
		wantY := fmt.Sprintf(`"p":%q,"b":%d}`, strings.Repeat("x", n), b)
		if len(lines) < 2 || !strings.HasSuffix(lines[0], wantX) || !strings.HasSuffix(lines[1], wantY) {
			t.Fatalf("two children made from one parent, then logged through: %q, want them to end in %s and %s: copy pre before appending (l.pre[:len(l.pre):len(l.pre)]) so that siblings never write into each other's memory",
				lines, wantX, wantY)
		}
	}
}

// childStepValuer counts how often it is resolved.
type childStepValuer struct{ calls *int }

func (v childStepValuer) LogValue() slog.Value { *v.calls++; return slog.IntValue(*v.calls) }

func TestChildLoggersEncodeOnce(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&loggerStepBuffer{}))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	calls := 0
	child := l.With("v", childStepValuer{&calls}, "k", "v")
	n := 3 + rand.IntN(5)
	for range n {
		child.Info("m")
	}
	if calls != 1 {
		t.Errorf("a LogValuer given to With was resolved %d times for %d records, want once: encode the fields in With, not in every record", calls, n)
	}
	allocs := testing.AllocsPerRun(50, func() { child.Info("m") })
	if allocs != 0 {
		t.Errorf("a record through a child with preset fields allocates %v times, want 0: append the encoded bytes", allocs)
	}
}

// childStepHelper wraps logging, as applications do.
func childStepHelper(l *Logger, msg string) {
	l.Info(msg)
}

func TestChildLoggersCallerSkip(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithCaller(true).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatal(err)
	}
	helper := l.WithCallerSkip(1).With("via", "helper")
	caller, fn := callerInfoHere()
	childStepHelper(helper, "skip 1")
	direct, _ := callerInfoHere()
	l.Info("direct")
	below, _ := callerInfoHere()
	l.WithCallerSkip(-1 - rand.IntN(5)).Info("below zero")
	l.Close()
	records := loggerStepRecords(t, buf.String())
	if len(records) != 3 {
		t.Fatalf("got %d records, want 3", len(records))
	}
	callerInfoCheck(t, "through a helper, with l.WithCallerSkip(1).With(...)", records[0], caller, fn)
	callerInfoCheck(t, "through the parent, which skips nothing", records[1], direct, fn)
	callerInfoCheck(t, "with a negative skip, which must stop at zero", records[2], below, fn)
	if records[0]["via"] != "helper" {
		t.Errorf("a child of a child made by WithCallerSkip lost the field: %v", records[0])
	}
}
