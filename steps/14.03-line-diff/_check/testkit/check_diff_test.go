package testkit

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// diffLines returns n random lines.
func diffLines(r *rand.Rand, n int) []string {
	words := []string{"alpha", "beta = 2", "gamma: \"x\"", "", "delta\t4", "é ü", "<TIME>"}
	out := make([]string, n)
	for i := range out {
		out[i] = words[r.IntN(len(words))] + fmt.Sprint(r.IntN(100))
	}
	return out
}

func TestDiffFirstChangedLine(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 2))
	for range 200 {
		want := diffLines(r, 1+r.IntN(8))
		got := append([]string(nil), want...)
		k := r.IntN(len(got))
		got[k] += "!"
		if r.IntN(2) == 0 && k+1 < len(got) {
			got[k+1] += "?" // later differences are not reported
		}
		w, g := strings.Join(want, "\n"), strings.Join(got, "\n")
		exp := fmt.Sprintf("line %d:\n  want: %q\n  got:  %q", k+1, want[k], got[k])
		if d := Diff(w, g); d != exp {
			t.Fatalf("Diff(%q, %q) =\n%s\nwant\n%s", w, g, d, exp)
		}
		if d := Diff(w, w); d != "" {
			t.Fatalf("Diff of a text with itself = %q, want \"\"\ntext: %q", d, w)
		}
	}
}

func TestDiffOneSideEnds(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 3))
	for range 100 {
		short := diffLines(r, 1+r.IntN(5))
		long := append(append([]string(nil), short...), diffLines(r, 1+r.IntN(3))...)
		n := len(short) + 1
		s, l := strings.Join(short, "\n"), strings.Join(long, "\n")
		exp := fmt.Sprintf("line %d:\n  want: (no line)\n  got:  %q", n, long[n-1])
		if d := Diff(s, l); d != exp {
			t.Fatalf("Diff(%q, %q) =\n%s\nwant\n%s\n(got has an extra line: the want side shows (no line))", s, l, d, exp)
		}
		exp = fmt.Sprintf("line %d:\n  want: %q\n  got:  (no line)", n, long[n-1])
		if d := Diff(l, s); d != exp {
			t.Fatalf("Diff(%q, %q) =\n%s\nwant\n%s\n(want has an extra line: the got side shows (no line))", l, s, d, exp)
		}
	}
}
