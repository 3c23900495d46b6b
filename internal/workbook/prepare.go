package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/atomicfile"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Prepared says what Start wrote into the workspace.
type Prepared struct {
	// Added are the starter and check files that were missing, workspace-relative.
	Added []string
	// Restored are check files whose content the learner had changed: learn put its own copy
	// back (the checker never ran theirs anyway).
	Restored []string
}

// Start gives the workspace what step s needs, in s's package only: the starter files of every
// step of the package up to s, or up to the furthest step of the package already started (only
// where missing) and the check files of the package's active
// steps (restored if edited or deleted; removed once retired). Browsing the book writes nothing;
// a step's files appear when the learner starts it (checks it, opens it in an editor, or asks).
//
// The checks present are those of the furthest step of the package the learner has started, so
// going back to an earlier step removes nothing. Start records s and the package's earlier steps
// as started and saves; a failure
// to write anything is returned (as a *SaveError when only the progress could not be saved).
func (w *Workbook) Start(s *steps.Step) (Prepared, error) {
	var done Prepared
	reach := s
	for _, t := range w.Book.Package(s.Package) {
		if t.Index > reach.Index && w.Progress.Started(t.ID) {
			reach = t
		}
	}
	active := map[string]bool{}
	for _, t := range w.Book.Active(reach) {
		active[t.ID] = true
	}
	for _, t := range w.Book.Package(s.Package) {
		if t.Index > reach.Index {
			break
		}
		// Every step up to reach has been started: its starter belongs in the workspace.
		for _, f := range t.Starter {
			p := w.Path(f.Path)
			if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
				if err := writeFile(p, f.Data); err != nil {
					return done, fmt.Errorf("workbook: %w", err)
				}
				done.Added = append(done.Added, f.Path)
			}
		}
		for _, f := range t.Check {
			p := w.Path(f.Path)
			old, err := os.ReadFile(p)
			if !active[t.ID] {
				if err == nil {
					os.Remove(p)
				}
				continue
			}
			if err == nil && bytes.Equal(old, f.Data) {
				continue
			}
			if err := writeFile(p, f.Data); err != nil {
				return done, fmt.Errorf("workbook: %w", err)
			}
			if err == nil {
				done.Restored = append(done.Restored, f.Path)
			} else {
				done.Added = append(done.Added, f.Path)
			}
		}
	}
	// Every step of the package up to s now has its files: all of them count as started.
	changed := false
	for _, t := range w.Book.Package(s.Package) {
		if t.Index <= s.Index && (!w.Progress.Started(t.ID) || w.Progress.Further(t.ID, w.Progress.Reached)) {
			w.Progress.Start(t.ID)
			changed = true
		}
	}
	if changed {
		if err := w.Save(); err != nil {
			return done, &SaveError{err}
		}
	}
	return done, nil
}

func writeIfMissing(p string, data []byte) error {
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	return writeFile(p, data)
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(p, data, 0o644)
}
