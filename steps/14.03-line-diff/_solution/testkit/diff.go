package testkit

import (
	"fmt"
	"strings"
)

// Diff compares two texts line by line (lines are split at "\n") and returns "" when they are
// equal. Otherwise it reports the first line where they differ, numbered from 1, with each
// side quoted, or "(no line)" where that side has already ended:
//
//	line 3:
//	  want: "b = 2"
//	  got:  "b = 3"
//
// The first difference is usually all a failing golden test needs: the rest of the file often
// differs only because of it.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	side := func(lines []string) string {
		if i < len(lines) {
			return fmt.Sprintf("%q", lines[i])
		}
		return "(no line)"
	}
	return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, side(w), side(g))
}
