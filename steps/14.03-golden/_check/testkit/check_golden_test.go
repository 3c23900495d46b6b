package testkit

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func goldenText(r *rand.Rand) string {
	var b strings.Builder
	for i := range 2 + r.IntN(5) {
		fmt.Fprintf(&b, "line %d: %x\n", i, r.Uint32())
	}
	return b.String()
}

func TestGoldenUpdateThenCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 4))
	path := filepath.Join(t.TempDir(), "testdata", fmt.Sprintf("out-%d.golden", r.IntN(1000)))
	got := goldenText(r)
	if err := Golden(path, []byte(got), true); err != nil {
		t.Fatalf("Golden(%s, ..., update=true) = %v, want nil (create the folder, write the file, compare)", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil || string(data) != got {
		t.Fatalf("after Golden with update, the file holds %q (%v), want %q", data, err, got)
	}
	if err := Golden(path, []byte(got), false); err != nil {
		t.Fatalf("Golden(%s, same text, update=false) = %v, want nil", path, err)
	}
}

func TestGoldenReportsDifference(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 5))
	path := filepath.Join(t.TempDir(), "page.golden")
	want := goldenText(r)
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	got := strings.Replace(want, "line 1:", "line 1 changed:", 1)
	err := Golden(path, []byte(got), false)
	if err == nil {
		t.Fatalf("Golden with a changed line = nil, want an error")
	}
	for _, part := range []string{path, Diff(want, got)} {
		if !strings.Contains(err.Error(), part) {
			t.Fatalf("Golden's error\n%v\ndoes not contain %q (name the file and include Diff(want, got))", err, part)
		}
	}
	data, _ := os.ReadFile(path)
	if string(data) != want {
		t.Fatal("Golden without update changed the golden file")
	}
}

func TestGoldenMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), fmt.Sprintf("missing-%d.golden", rand.IntN(1000)))
	err := Golden(path, []byte("x\n"), false)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "-update") {
		t.Fatalf("Golden on a missing file = %v, want an error naming %s and saying to run with -update", err, path)
	}
	if _, statErr := os.Stat(path); statErr == nil {
		t.Fatal("Golden without update created the golden file")
	}
}
