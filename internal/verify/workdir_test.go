package verify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWorkDirIsUsedByOneRunAtATime(t *testing.T) {
	work := t.TempDir()
	first, second := &Verifier{WorkDir: work}, &Verifier{WorkDir: work}
	dir, _, err := first.workspace("a-before")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(work, "a-before"); dir != want {
		t.Errorf("the first run's workspace is %s, want %s", dir, want)
	}
	dir2, cleanup, err := second.workspace("a-before")
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if strings.HasPrefix(dir2, work) {
		t.Errorf("a second run at the same time got %s, inside the first run's folder %s: it must use a temporary folder", dir2, work)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("the first run's workspace is gone after the second run made its own: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	third := &Verifier{WorkDir: work}
	defer third.Close()
	if dir3, _, _ := third.workspace("a-before"); !strings.HasPrefix(dir3, work) {
		t.Errorf("after the first run closed, the next one got %s, want a folder in %s", dir3, work)
	}
}

func TestWorkDirClaimOfADeadRunExpires(t *testing.T) {
	work := t.TempDir()
	claim := filepath.Join(work, claimFile)
	if err := os.WriteFile(claim, []byte("claimed by process 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-workLease - time.Minute)
	if err := os.Chtimes(claim, old, old); err != nil {
		t.Fatal(err)
	}
	v := &Verifier{WorkDir: work}
	defer v.Close()
	if dir, _, _ := v.workspace("b-after"); !strings.HasPrefix(dir, work) {
		t.Errorf("with a claim older than %s, a run got %s, want a folder in %s", workLease, dir, work)
	}
}
