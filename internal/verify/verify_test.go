package verify

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// newVerifier checks the repository this test lives in.
func newVerifier(t *testing.T) *Verifier {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	book, err := steps.Load(os.DirFS(filepath.Join(root, "steps")))
	if err != nil {
		t.Fatalf("loading steps: %v", err)
	}
	return &Verifier{Book: book, Chapters: os.DirFS(filepath.Join(root, "chapters")), Root: root}
}

// TestSteps is the dev check for every step: go test ./internal/verify -run 'TestSteps/<id>' for
// one. With -short only the static checks run. -v shows the message a learner sees first.
func TestSteps(t *testing.T) {
	v := newVerifier(t)
	if len(v.Book.Steps) == 0 {
		t.Fatal("the book has no steps")
	}
	for _, s := range v.Book.Steps {
		t.Run(s.ID, func(t *testing.T) {
			t.Parallel()
			for _, err := range v.Static(s) {
				t.Error(err)
			}
			if testing.Short() {
				return
			}
			starter, errs := v.Dynamic(context.Background(), s)
			for _, err := range errs {
				t.Error(err)
			}
			if starter != nil {
				t.Logf("before the step: %s\n%s", starter.Headline(), indent(starter.Details()))
			}
		})
	}
}

func TestReferences(t *testing.T) {
	v := newVerifier(t)
	for _, pkg := range v.Book.Packages() {
		for _, err := range v.Reference(pkg) {
			t.Errorf("%s: %v", pkg, err)
		}
	}
}

func TestLessons(t *testing.T) {
	v := newVerifier(t)
	for _, err := range v.Lessons(context.Background()) {
		t.Error(err)
	}
}
