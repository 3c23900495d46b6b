package workbook

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Warm fills the go command's build cache with what checking step s needs, so that the learner's
// first check does not wait for the standard library to compile (tens of seconds on a fresh
// machine). It builds and vets the reference code of s's package with its checks, in a
// throwaway module outside the workspace, and runs no test. It writes nothing in the workspace
// and is meant to run in the background while the learner reads.
func (w *Workbook) Warm(ctx context.Context, s *steps.Step) error {
	dir, err := os.MkdirTemp("", "learn-warm-")
	if err != nil {
		return fmt.Errorf("workbook: warm: %w", err)
	}
	defer os.RemoveAll(dir)
	files := w.Book.StateAfter(s.Package, s)
	for _, t := range w.Book.Active(s) {
		for _, f := range t.Check {
			files[f.Path] = f.Data // only to find the imports; the checker overlays its own copies
		}
	}
	files = w.Book.WithImports(s, files) // the workspace packages a capstone step builds on
	files["go.mod"] = []byte(steps.GoMod)
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("workbook: warm: %w", err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return fmt.Errorf("workbook: warm: %w", err)
		}
	}
	req := checker.Request{Dir: dir, Package: s.Package, Files: map[string][]byte{}, GoCmd: w.GoCmd, CompileOnly: true}
	for _, t := range w.Book.Active(s) {
		for _, f := range t.Check {
			req.Files[f.Path] = f.Data
		}
	}
	if _, err := checker.Run(ctx, req); err != nil {
		return fmt.Errorf("workbook: warm: %w", err)
	}
	return nil
}
