package suite

import (
	"strings"
	"testing"
)

// TestMutationFoldShapes runs the mutation runner on a small package of its own, with the
// shapes of function the chapter's files do not all have: a variadic function, a method with
// no result, named results, unnamed parameters. Variant 0 must pass the tests, and each mutant
// must be caught by them.
func TestMutationFoldShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a test binary")
	}
	src := `package suite

import "strings"

type Counter struct{ n int }

func Sum(xs ...int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

func (c *Counter) Inc() {
	c.n++
}

func (c Counter) Value() int { return c.n }

func Split(s string) (head, tail string) {
	head, tail, _ = strings.Cut(s, ",")
	return
}

func Ignore(string, int) bool { return true }
`
	tests := `package suite

import "testing"

func TestShapes(t *testing.T) {
	if Sum(1, 2, 3) != 6 || Sum() != 0 {
		t.Fatal("Sum")
	}
	var c Counter
	c.Inc()
	c.Inc()
	if c.Value() != 2 {
		t.Fatal("Inc")
	}
	if h, tl := Split("a,b"); h != "a" || tl != "b" {
		t.Fatal("Split")
	}
	if !Ignore("x", 1) {
		t.Fatal("Ignore")
	}
}
`
	mutants := []mutant{
		{file: "shapes.go", old: "total += x", new: "total += x + 1", bug: "Sum adds one per value"},
		{file: "shapes.go", old: "c.n++", new: "c.n += 2", bug: "Inc adds two"},
		{file: "shapes.go", old: `strings.Cut(s, ",")`, new: `strings.Cut(s, ";")`, bug: "Split cuts at ;"},
		{file: "shapes.go", old: "func Ignore(string, int) bool { return true }", new: "func Ignore(string, int) bool { return false }", bug: "Ignore says false"},
	}
	spec := mutationSpec{tests: []string{"TestShapes"}, file: "shapes_test.go", mutants: mutants}
	results := mutationVariants(t, map[string][]byte{"shapes.go": []byte(src)},
		map[string][]byte{"shapes_test.go": []byte(tests)}, spec, mutants)
	if r := results[0]; !r.ran || !r.passed {
		t.Fatalf("the code as given: ran %v, passed %v\n%s", r.ran, r.passed, r.tail)
	}
	for i, m := range mutants {
		if r := results[i+1]; !r.ran || r.passed || !strings.Contains(r.tail, "FAIL") {
			t.Errorf("the mutant where %s: ran %v, passed %v\n%s", m.bug, r.ran, r.passed, r.tail)
		}
	}
}
