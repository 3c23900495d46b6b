package textdiff

import (
	"strings"
	"testing"
)

func TestMerge3(t *testing.T) {
	base := "a\nb\nc\nd\ne\n"
	tests := []struct {
		name      string
		a, b      string
		want      string
		conflicts int
	}{
		{"only a changes", "a\nB\nc\nd\ne\n", base, "a\nB\nc\nd\ne\n", 0},
		{"only b changes", base, "a\nb\nc\nD\ne\n", "a\nb\nc\nD\ne\n", 0},
		{"different lines", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\nf\n", "A\nb\nc\nd\nE\nf\n", 0},
		{"same change", "a\nX\nc\nd\ne\n", "a\nX\nc\nd\ne\n", "a\nX\nc\nd\ne\n", 0},
		{"b grows below a's edit", "a\nB\nc\nd\ne\n", "a\nb\nc\nd\ne\nnew1\nnew2\n", "a\nB\nc\nd\ne\nnew1\nnew2\n", 0},
		{"b inserts far away", "a\nB\nc\nd\ne\n", "a\nb\nc\nx\nd\ne\n", "a\nB\nc\nx\nd\ne\n", 0},
		{"conflict", "a\nX\nc\nd\ne\n", "a\nY\nc\nd\ne\n",
			"a\n<<<<<<< edit\nX\n||||||| before\nb\n=======\nY\n>>>>>>> later\nc\nd\ne\n", 1},
		{"a deletes what b keeps", "a\nc\nd\ne\n", "a\nb\nc\nd\ne\nf\n", "a\nc\nd\ne\nf\n", 0},
	}
	for _, tt := range tests {
		got, conflicts := Merge3(base, tt.a, tt.b, "edit", "later")
		if got != tt.want || len(conflicts) != tt.conflicts {
			t.Errorf("%s: Merge3 =\n%s(%d conflicts), want\n%s(%d)", tt.name, got, len(conflicts), tt.want, tt.conflicts)
		}
	}
}

// FuzzMerge3Identities: merging with an unchanged side gives the other side.
func FuzzMerge3Identities(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n")
	f.Add("", "x\n")
	f.Fuzz(func(t *testing.T, base, other string) {
		base, other = norm(base), norm(other)
		if got, c := Merge3(base, other, base, "a", "b"); got != other || len(c) != 0 {
			t.Errorf("Merge3(base, other, base) = %q, %d conflicts; want other %q", got, len(c), other)
		}
		if got, c := Merge3(base, base, other, "a", "b"); got != other || len(c) != 0 {
			t.Errorf("Merge3(base, base, other) = %q, %d conflicts; want other %q", got, len(c), other)
		}
		if got, c := Merge3(base, other, other, "a", "b"); got != other || len(c) != 0 {
			t.Errorf("Merge3(base, other, other) = %q, %d conflicts; want other %q", got, len(c), other)
		}
	})
}

// norm makes text what Merge3 returns for it: lines ending in newlines.
func norm(s string) string {
	if s == "" {
		return ""
	}
	return strings.Join(Lines(s), "\n") + "\n"
}
