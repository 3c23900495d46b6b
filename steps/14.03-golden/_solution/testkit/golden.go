package testkit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Golden compares got with the golden file at path. With update it first writes got there
// (creating the file's folder), so the comparison passes and the change shows up in git diff
// for a person to review. Without update, a missing file is an error that says to run the
// test with -update, and a difference is an error naming the file and holding Diff's report.
//
// A test keeps the flag and wraps Golden in one line:
//
//	var update = flag.Bool("update", false, "rewrite the golden files")
//
//	if err := testkit.Golden("testdata/page.golden", got, *update); err != nil {
//		t.Fatal(err)
//	}
func Golden(path string, got []byte, update bool) error {
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("golden: %w", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			return fmt.Errorf("golden: %w", err)
		}
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("golden file %s does not exist: run the test with -update to create it, then review it", path)
	}
	if err != nil {
		return fmt.Errorf("golden: %w", err)
	}
	if d := Diff(string(want), string(got)); d != "" {
		return fmt.Errorf("output differs from %s (run with -update if the change is intended):\n%s", path, d)
	}
	return nil
}
