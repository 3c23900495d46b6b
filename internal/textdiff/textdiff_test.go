package textdiff

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// apply replays an edit script on a, checking that it is consistent with a, and returns b.
func apply(t *testing.T, a []string, ops []Op) []string {
	t.Helper()
	var b []string
	i := 0
	for _, op := range ops {
		switch op.Kind {
		case ' ', '-':
			if i >= len(a) || a[i] != op.Line {
				t.Fatalf("op %q %q does not match a[%d]", op.Kind, op.Line, i)
			}
			i++
			if op.Kind == ' ' {
				b = append(b, op.Line)
			}
		case '+':
			b = append(b, op.Line)
		}
	}
	if i != len(a) {
		t.Fatalf("script consumed %d of %d lines", i, len(a))
	}
	return b
}

// lcs is the length of the longest common subsequence, by dynamic programming: the oracle for
// minimality (a shortest script keeps exactly the LCS).
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func randomLines(r *rand.Rand) []string {
	out := make([]string, r.IntN(12))
	for i := range out {
		out[i] = strconv.Itoa(r.IntN(4))
	}
	return out
}

func TestDiffIsCorrectAndMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, b := randomLines(r), randomLines(r)
		ops := Diff(a, b)
		if got := apply(t, a, ops); strings.Join(got, ",") != strings.Join(b, ",") {
			t.Fatalf("Diff(%v, %v) rebuilds %v", a, b, got)
		}
		equal := 0
		for _, op := range ops {
			if op.Kind == ' ' {
				equal++
			}
		}
		if want := lcs(a, b); equal != want {
			t.Fatalf("Diff(%v, %v) keeps %d lines, want the LCS length %d", a, b, equal, want)
		}
	}
}

// patch applies a unified diff to a, trusting only the hunk headers for positions.
func patch(t *testing.T, a []string, diff string) []string {
	t.Helper()
	lines := Lines(diff)
	var out []string
	pos := 0 // next line of a to copy
	for i := 2; i < len(lines); {
		var sa, ca, sb, cb int
		h := strings.NewReplacer(",", " ", "-", "", "+", "", "@@", "").Replace(lines[i])
		f := strings.Fields(h)
		sa, _ = strconv.Atoi(f[0])
		ca, sb, cb = 1, 0, 1
		if len(f) == 4 {
			ca, _ = strconv.Atoi(f[1])
			sb, _ = strconv.Atoi(f[2])
			cb, _ = strconv.Atoi(f[3])
		} else if len(f) == 3 {
			if strings.Contains(strings.Fields(lines[i])[1], ",") {
				ca, _ = strconv.Atoi(f[1])
				sb, _ = strconv.Atoi(f[2])
			} else {
				sb, _ = strconv.Atoi(f[1])
				cb, _ = strconv.Atoi(f[2])
			}
		} else {
			sb, _ = strconv.Atoi(f[1])
		}
		_ = sb
		start := sa - 1
		if ca == 0 {
			start = sa
		}
		out = append(out, a[pos:start]...)
		pos = start
		i++
		gotA, gotB := 0, 0
		for ; i < len(lines) && !strings.HasPrefix(lines[i], "@@"); i++ {
			l := lines[i]
			switch l[0] {
			case ' ':
				out = append(out, l[1:])
				pos++
				gotA++
				gotB++
			case '-':
				pos++
				gotA++
			case '+':
				out = append(out, l[1:])
				gotB++
			}
		}
		if gotA != ca || gotB != cb {
			t.Fatalf("hunk %q has %d/%d lines, header says %d/%d\n%s", h, gotA, gotB, ca, cb, diff)
		}
	}
	return append(out, a[pos:]...)
}

func TestUnifiedPatchesBack(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 3000 {
		a, b := randomLines(r), randomLines(r)
		ta, tb := strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n"
		if len(a) == 0 {
			ta = ""
		}
		if len(b) == 0 {
			tb = ""
		}
		d := Unified("a", "b", ta, tb, n%4)
		if d == "" {
			if ta != tb {
				t.Fatalf("Unified(%q, %q) is empty", ta, tb)
			}
			continue
		}
		if got := patch(t, a, d); fmt.Sprint(got) != fmt.Sprint(b) {
			t.Fatalf("patching %v with\n%s gives %v, want %v", a, d, got, b)
		}
	}
}

func TestUnifiedShape(t *testing.T) {
	a := "package files\n\nfunc ReadLines() {\n\treturn nil\n}\n"
	b := "package files\n\nfunc ReadLines() {\n\tscan()\n\treturn lines\n}\n"
	want := `--- yours
+++ solution
@@ -2,4 +2,5 @@
 
 func ReadLines() {
-	return nil
+	scan()
+	return lines
 }
`
	if got := Unified("yours", "solution", a, b, 2); got != want {
		t.Errorf("Unified =\n%s\nwant\n%s", got, want)
	}
}
