package verify

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// The dynamic check (every starter fails, every reference passes with every earlier check) runs
// go test twice per step: minutes for the whole book. go test ./... leaves it out; authors and CI
// ask for it:
//
//	go test ./internal/verify -dynamic                       # every step, cached
//	go test ./internal/verify -dynamic -run 'TestSteps/04.02' -v   # some steps, with the starter's message
//	LEARN_VERIFY=dynamic go test ./internal/verify            # the same, from the environment
//
// Verdicts are cached (see Verifier.Cache) in the user's cache folder; LEARN_VERIFY_CACHE names
// another folder, or "off" for none.
var dynamic = flag.Bool("dynamic", os.Getenv("LEARN_VERIFY") == "dynamic", "run the dynamic check of every step (slow; cached)")

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
	v := &Verifier{Book: book, Chapters: os.DirFS(filepath.Join(root, "chapters")), Root: root}
	v.Cache, v.WorkDir = DefaultCache(os.Getenv("LEARN_VERIFY_CACHE"))
	t.Cleanup(func() { v.Close() }) // after the parallel subtests
	return v
}

// TestSteps is the dev check for every step: static checks always, the dynamic check with
// -dynamic. -v shows the message a learner sees first.
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
			if !*dynamic {
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
	t.Cleanup(func() {
		if *dynamic {
			hits, runs := v.CacheStats()
			t.Logf("dynamic check: %d verdicts from the cache, %d run", hits, runs)
		}
	})
}

func TestReferences(t *testing.T) {
	v := newVerifier(t)
	for _, pkg := range v.Book.Packages() {
		for _, err := range v.Reference(pkg) {
			t.Errorf("%s: %v", pkg, err)
		}
	}
	for _, err := range v.Snapshots() {
		t.Error(err)
	}
}

func TestLessons(t *testing.T) {
	v := newVerifier(t)
	for _, err := range v.Lessons(context.Background()) {
		t.Error(err)
	}
}
