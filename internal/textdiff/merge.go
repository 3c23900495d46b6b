package textdiff

import "strings"

// A Conflict is one place where Merge3 found the two sides changing the same lines differently.
type Conflict struct {
	Line int // 1-based line of base where the conflicting region starts
}

// Merge3 merges two texts that both derive from base: the changes base → a and base → b are
// applied together. Changes to different lines combine; the same change made on both sides is
// taken once. Where the sides change the same lines differently, the result holds both between
// conflict markers (labelled with aName and bName, the base between them), and the conflict is
// reported. Lines are compared whole; a text without a final newline gets one.
func Merge3(base, a, b, aName, bName string) (string, []Conflict) {
	bl, al, ol := Lines(base), Lines(a), Lines(b)
	ha, hb := hunks(bl, al), hunks(bl, ol)
	var out []string
	var conflicts []Conflict
	pos := 0
	for len(ha) > 0 || len(hb) > 0 {
		// A group: the earliest hunk and every hunk of either side that overlaps what it has
		// gathered so far.
		gs := earliest(ha, hb)
		ge := gs
		var ga, gb []hunk
		for {
			grew := false
			for len(ha) > 0 && overlaps(ha[0], gs, ge) {
				ge = max(ge, ha[0].end)
				ga, ha, grew = append(ga, ha[0]), ha[1:], true
			}
			for len(hb) > 0 && overlaps(hb[0], gs, ge) {
				ge = max(ge, hb[0].end)
				gb, hb, grew = append(gb, hb[0]), hb[1:], true
			}
			if !grew {
				break
			}
		}
		out = append(out, bl[pos:gs]...)
		ra, rb := applyHunks(bl, gs, ge, ga), applyHunks(bl, gs, ge, gb)
		switch {
		case len(gb) == 0:
			out = append(out, ra...)
		case len(ga) == 0:
			out = append(out, rb...)
		case equal(ra, rb):
			out = append(out, ra...)
		default:
			conflicts = append(conflicts, Conflict{Line: gs + 1})
			out = append(out, "<<<<<<< "+aName)
			out = append(out, ra...)
			out = append(out, "||||||| before")
			out = append(out, bl[gs:ge]...)
			out = append(out, "=======")
			out = append(out, rb...)
			out = append(out, ">>>>>>> "+bName)
		}
		pos = ge
	}
	out = append(out, bl[pos:]...)
	if len(out) == 0 {
		return "", conflicts
	}
	return strings.Join(out, "\n") + "\n", conflicts
}

// A hunk replaces base lines [start, end) with lines.
type hunk struct {
	start, end int
	lines      []string
}

// hunks turns the diff base → other into hunks, in order.
func hunks(base, other []string) []hunk {
	var out []hunk
	var cur *hunk
	i := 0
	for _, op := range Diff(base, other) {
		switch op.Kind {
		case ' ':
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
			i++
		case '-':
			if cur == nil {
				cur = &hunk{start: i, end: i}
			}
			cur.end++
			i++
		case '+':
			if cur == nil {
				cur = &hunk{start: i, end: i}
			}
			cur.lines = append(cur.lines, op.Line)
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}

func earliest(ha, hb []hunk) int {
	switch {
	case len(ha) == 0:
		return hb[0].start
	case len(hb) == 0:
		return ha[0].start
	}
	return min(ha[0].start, hb[0].start)
}

// overlaps reports whether h touches the group [gs, ge): it starts inside it, or, for an empty
// group or an insertion, at its end.
func overlaps(h hunk, gs, ge int) bool {
	return h.start < ge || (h.start == ge && (h.start == h.end || gs == ge))
}

// applyHunks returns base[gs:ge] with hunks (all inside it) applied.
func applyHunks(base []string, gs, ge int, hs []hunk) []string {
	var out []string
	pos := gs
	for _, h := range hs {
		out = append(out, base[pos:h.start]...)
		out = append(out, h.lines...)
		pos = h.end
	}
	return append(out, base[pos:ge]...)
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
