package learnbench

import (
	"bytes"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

func book(t *testing.T) *steps.Book {
	t.Helper()
	b, err := steps.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSelect(t *testing.T) {
	b := book(t)
	last := b.Package("velocy")[len(b.Package("velocy"))-1].ID
	for _, tc := range []struct {
		arg  string
		want []string
		err  string
	}{
		{"", []string{"velocy", "logtar"}, ""},
		{"velocy", []string{"velocy"}, ""},
		{"logtar", []string{"logtar"}, ""},
		{last, []string{"velocy"}, ""},
		{"06.09", []string{"velocy"}, ""}, // a section: several steps, one package
		{"04.02-json", []string{"logtar"}, ""},
		{"04.2", []string{"logtar"}, ""}, // the one-digit numbering
		{"99.99-nothing", nil, "neither a step"},
		{"bogus", nil, "neither a step"},
		{"03.01", nil, "learn bench measures velocy"},
	} {
		got, err := Select(b, tc.arg)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Select(%q) error = %v, want one saying %q", tc.arg, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("Select(%q) = %v, %v; want %v", tc.arg, got, err, tc.want)
		}
	}
}

// TestFirstStep checks that the step named to a learner whose package cannot be measured is
// the first whose reference has the API the adapters call: not the one before it.
func TestFirstStep(t *testing.T) {
	b := book(t)
	for _, su := range Suites {
		s := FirstStep(b, su.Package)
		if s == nil {
			t.Fatalf("no step of %s gives the API the benchmark calls (%s)", su.Package, su.API)
		}
		line := b.Package(su.Package)
		if i := slices.Index(line, s); i > 0 && hasAll(b.StateAfter(su.Package, line[i-1]), su.Package, su.needs) {
			t.Errorf("%s: the step before %s already has the API", su.Package, s.ID)
		}
		t.Logf("%s: %s", su.Package, s.ID)
	}
}

// TestLessonsExist checks that every group's lesson file and anchor exist in the book.
func TestLessonsExist(t *testing.T) {
	for _, su := range Suites {
		for _, g := range su.Groups {
			file, anchor, _ := strings.Cut(g.Lesson, "#")
			src, err := fs.ReadFile(chapters.FS(), file)
			if err != nil {
				t.Errorf("group %s: %v", g.Name, err)
				continue
			}
			if _, ok := lesson.Parse(src).Anchor(anchor); !ok {
				t.Errorf("group %s: %s has no heading #%s", g.Name, file, anchor)
			}
		}
	}
}

// TestProgramKnowsEveryGroup checks that the embedded program defines every group a suite
// names, so no group is silently left out.
func TestProgramKnowsEveryGroup(t *testing.T) {
	var src strings.Builder
	for _, f := range []string{"routers.go", "loggers.go"} {
		data, err := prog.ReadFile("_prog/" + f)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(data)
	}
	for _, su := range Suites {
		for _, g := range su.Groups {
			if !strings.Contains(src.String(), `group{"`+g.Name+`"`) {
				t.Errorf("the program has no group %q", g.Name)
			}
		}
	}
}

// TestRoutesMatchTheBench checks that the embedded route set is velocy/bench's, so learn bench
// and the chapter's figures measure the same routes.
func TestRoutesMatchTheBench(t *testing.T) {
	ours, err := prog.ReadFile("_prog/github-api-routes.txt")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := os.ReadFile("../../velocy/bench/testdata/github-api-routes.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ours, theirs) {
		t.Error("_prog/github-api-routes.txt differs from velocy/bench/testdata/github-api-routes.txt: copy it over")
	}
}
