// Package textdiff computes line diffs and prints them in the unified format, for showing a
// learner how their file differs from a step's reference solution.
//
// It uses Myers' O(ND) algorithm: walk diagonals of the edit graph, extending each furthest-
// reaching path along runs of equal lines ("snakes"), one more edit per round, until a path
// reaches the end. D is the number of edits, so files that differ a little diff fast however long
// they are.
package textdiff

import (
	"fmt"
	"strings"
)

// An Op is one line of an edit script.
type Op struct {
	Kind byte // ' ' equal, '-' only in the old text, '+' only in the new
	Line string
}

// Lines splits text into lines without their newlines. A missing final newline is not a line.
func Lines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// Diff returns the shortest edit script that turns a into b.
func Diff(a, b []string) []Op {
	n, m := len(a), len(b)
	max := n + m
	if max == 0 {
		return nil
	}
	offset := max
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		snapshot := make([]int, len(v))
		copy(snapshot, v)
		trace = append(trace, snapshot)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[offset+k-1] < v[offset+k+1]) {
				x = v[offset+k+1] // step down: insert from b
			} else {
				x = v[offset+k-1] + 1 // step right: delete from a
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[offset+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, offset, d)
			}
		}
	}
	return nil
}

// backtrack walks the saved rounds from the end back to the start to recover the script.
func backtrack(a, b []string, trace [][]int, offset, d int) []Op {
	var ops []Op
	x, y := len(a), len(b)
	for ; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[offset+k-1] < v[offset+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[offset+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			ops = append(ops, Op{' ', a[x]})
		}
		if x == prevX {
			y--
			ops = append(ops, Op{'+', b[y]})
		} else {
			x--
			ops = append(ops, Op{'-', a[x]})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		ops = append(ops, Op{' ', a[x]})
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}

// Unified returns the unified diff of a and b with context lines around each change, or "" when
// they are equal.
func Unified(nameA, nameB, a, b string, context int) string {
	ops := Diff(Lines(a), Lines(b))
	changed := false
	for _, op := range ops {
		if op.Kind != ' ' {
			changed = true
			break
		}
	}
	if !changed {
		return ""
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	// Group ops into hunks: runs of changes with at most 2*context equal lines between them.
	i := 0
	lineA, lineB := 1, 1
	for i < len(ops) {
		// Skip to the next change, counting lines.
		start := i
		for i < len(ops) && ops[i].Kind == ' ' {
			i++
		}
		if i == len(ops) {
			break
		}
		lead := min(context, i-start)
		lineA += i - start - lead
		lineB += i - start - lead
		h := i - lead
		// Extend the hunk while changes are close together.
		end := i
		for end < len(ops) {
			if ops[end].Kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].Kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		countA, countB := 0, 0
		for _, op := range ops[h:end] {
			if op.Kind != '+' {
				countA++
			}
			if op.Kind != '-' {
				countB++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(lineA, countA), hunkRange(lineB, countB))
		for _, op := range ops[h:end] {
			out.WriteByte(op.Kind)
			out.WriteString(op.Line)
			out.WriteByte('\n')
		}
		lineA += countA
		lineB += countB
		i = end
	}
	return out.String()
}

func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}
