package author

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/textdiff"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// A RestackConflict stops Restack: an edit could not be carried into a later snapshot because
// that snapshot changed the same lines. The merge, with conflict markers, is in Merged; nothing
// from this snapshot on was written.
type RestackConflict struct {
	File   string // the snapshot the edit could not be carried into, relative to the root
	Merged string // where the merge with markers was written
	Lines  []int  // lines of the earlier snapshot where the conflicts start
}

func (c *RestackConflict) Error() string {
	return fmt.Sprintf("restack: the edit conflicts with %s (at lines %v of the snapshot before it); "+
		"the merge with conflict markers is in %s: resolve it, copy it over the snapshot, and run "+
		"learn author restack on that step to carry on", c.File, c.Lines, c.Merged)
}

// Restack carries the edits made to step id's snapshots (its _solution and _starter files, as
// they differ from git revision rev) forward into every later snapshot of the same files, and
// into the library when the chain ends there: each later snapshot is merged three ways (the
// snapshot before the edit, after it, and the later snapshot). It stops at the first conflict.
// Run Sync afterwards to write the chapter snapshots.
func (r *Repo) Restack(id, rev string) ([]Change, error) {
	s, err := r.Book.Find(id)
	if err != nil {
		return nil, err
	}
	var changes []Change
	edited := 0
	for _, tf := range []struct {
		tree  string
		files []steps.File
	}{{"_solution", s.Solution}, {"_starter", s.Starter}} {
		for _, f := range tf.files {
			rel := path.Join("steps", s.ID, tf.tree, f.Path)
			old, err := r.gitShow(rev, rel)
			if err != nil {
				return changes, err
			}
			if old == nil || bytes.Equal(old, f.Data) {
				continue // new in this revision, or not edited
			}
			edited++
			c, err := r.carry(s, f.Path, string(old), string(f.Data))
			changes = append(changes, c...)
			if err != nil {
				return changes, err
			}
		}
	}
	if edited == 0 {
		return nil, fmt.Errorf("restack: no file of %s differs from %s; edit its snapshot first", s.ID, rev)
	}
	return changes, nil
}

// carry merges the edit old → new of workspace file p, made at step s, into every later
// snapshot of p and then the library.
func (r *Repo) carry(s *steps.Step, p, old, new string) ([]Change, error) {
	var changes []Change
	prevOld, prevNew := old, new
	merge := func(rel, label string, library bool) (bool, error) {
		cur, err := r.readFile(rel)
		if err != nil {
			return false, err
		}
		if library && cur != nil { // merged in the steps' spelling of imports, written back in the library's
			if cur, err = r.Book.ToWorkspace(rel, cur); err != nil {
				return false, err
			}
		}
		merged, conflicts := textdiff.Merge3(prevOld, prevNew, string(cur), "edit carried from "+s.ID, label)
		if len(conflicts) > 0 {
			out := filepath.Join(os.TempDir(), strings.NewReplacer("/", "_").Replace(rel)+".restack")
			if err := os.WriteFile(out, []byte(merged), 0o644); err != nil {
				return false, err
			}
			lines := make([]int, len(conflicts))
			for i, c := range conflicts {
				lines[i] = c.Line
			}
			return false, &RestackConflict{File: rel, Merged: out, Lines: lines}
		}
		prevOld, prevNew = string(cur), merged
		if merged == string(cur) {
			return true, nil
		}
		out := []byte(merged)
		if library {
			if out, err = r.Book.ToRepo(rel, out); err != nil {
				return false, err
			}
		}
		if err := os.WriteFile(filepath.Join(r.Root, filepath.FromSlash(rel)), out, 0o644); err != nil {
			return false, err
		}
		changes = append(changes, Change{rel, "wrote"})
		return true, nil
	}
	last := s
	for _, t := range r.Book.Package(s.Package) {
		if t.Index <= s.Index {
			continue
		}
		for _, f := range t.Solution {
			if f.Path == p {
				if _, err := merge(path.Join("steps", t.ID, "_solution", p), t.ID, false); err != nil {
					return changes, err
				}
				last = t
			}
		}
	}
	// The library mirrors the last snapshot of its files.
	if lib, ok := r.Book.References[s.Package]; ok {
		if tree, lw := r.lastWriter(s.Package, p); lw == last && tree != "" {
			rel := path.Join(lib, strings.TrimPrefix(p, s.Package+"/"))
			if _, err := merge(rel, rel, true); err != nil {
				return changes, err
			}
		}
	}
	return changes, nil
}

// gitShow returns a file as it is at revision rev, nil if it does not exist there.
func (r *Repo) gitShow(rev, rel string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "show", rev+":"+rel)
	cmd.Dir = r.Root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out, nil
	case errors.As(err, &exit) && (strings.Contains(stderr.String(), "does not exist") || strings.Contains(stderr.String(), "exists on disk, but not in")):
		return nil, nil
	}
	return nil, fmt.Errorf("restack: git show %s:%s: %v %s", rev, rel, err, strings.TrimSpace(stderr.String()))
}
