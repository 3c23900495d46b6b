// Package progress keeps a learner's progress through the workbook in one small JSON file,
// workspace/.learn/progress.json.
//
// The file is written atomically (a temporary file in the same folder, synced, then renamed over
// the old one), so a crash or a full disk leaves either the old progress or the new, never half
// of each. A file that cannot be parsed is not fatal: Load moves it aside as a backup, reports a
// *CorruptError, and starts afresh, so the learner loses nothing and can still work.
package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Version is the format version this package writes.
const Version = 1

// Step states as recorded in the file. A step with no record is still to do.
const (
	Passed = "passed"
	Failed = "failed"
)

// Progress is the whole file.
type Progress struct {
	Version int `json:"version"`
	// Current is the step the learner last had open, where the workbook resumes.
	Current string `json:"current,omitempty"`
	// Reached is the furthest step in book order the workspace has been prepared for.
	Reached string                `json:"reached,omitempty"`
	Steps   map[string]*StepState `json:"steps"`
}

// StepState is what is known about one step.
type StepState struct {
	Status   string    `json:"status"`            // Passed or Failed
	Verdict  string    `json:"verdict,omitempty"` // the last check's headline
	Checked  time.Time `json:"checked"`           // when it was last checked
	Attempts int       `json:"attempts"`          // how many checks it has had
	Hints    int       `json:"hints,omitempty"`   // how many hints have been revealed
	Solution bool      `json:"solution,omitempty"`
}

// New returns empty progress.
func New() *Progress {
	return &Progress{Version: Version, Steps: map[string]*StepState{}}
}

// Step returns the state of step id, creating an empty record if there is none.
func (p *Progress) Step(id string) *StepState {
	s := p.Steps[id]
	if s == nil {
		s = &StepState{}
		p.Steps[id] = s
	}
	return s
}

// Passed reports whether step id has passed its check.
func (p *Progress) Passed(id string) bool {
	s := p.Steps[id]
	return s != nil && s.Status == Passed
}

// Record notes a check's outcome for step id.
func (p *Progress) Record(id string, passed bool, verdict string, at time.Time) {
	s := p.Step(id)
	s.Attempts++
	s.Checked = at
	s.Verdict = verdict
	if passed {
		s.Status = Passed
	} else {
		s.Status = Failed
	}
}

// A CorruptError reports a progress file that could not be read. The file was moved to Backup
// and Load returned empty progress.
type CorruptError struct {
	Path   string
	Backup string
	Err    error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("progress: %s is unreadable (%v); it was kept as %s and progress starts afresh",
		e.Path, e.Err, e.Backup)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Load reads the progress file at path. A missing file is empty progress. A file that cannot be
// parsed is renamed to a backup next to it, and Load returns empty progress together with a
// *CorruptError describing what happened.
func Load(path string) (*Progress, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return New(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	p := New()
	err = json.Unmarshal(data, p)
	if err == nil && p.Version > Version {
		err = fmt.Errorf("format version %d is newer than this learn understands (%d); update learn", p.Version, Version)
		return nil, fmt.Errorf("progress: %s: %w", path, err)
	}
	if err == nil && p.Version < 1 {
		err = errors.New("no format version")
	}
	if err != nil {
		backup := fmt.Sprintf("%s.corrupt-%s", path, time.Now().Format("20060102-150405"))
		if rerr := os.Rename(path, backup); rerr != nil {
			return nil, fmt.Errorf("progress: %s is unreadable (%v) and could not be moved aside: %w", path, err, rerr)
		}
		return New(), &CorruptError{Path: path, Backup: backup, Err: err}
	}
	if p.Steps == nil {
		p.Steps = map[string]*StepState{}
	}
	for id, s := range p.Steps {
		if s == nil {
			delete(p.Steps, id)
		}
	}
	return p, nil
}

// Save writes p to path atomically, creating the folder if needed.
func (p *Progress) Save(path string) error {
	p.Version = Version
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("progress: %w", err)
	}
	data = append(data, '\n')
	if err := WriteFileAtomic(path, data, 0o644); err != nil {
		return fmt.Errorf("progress: save: %w", err)
	}
	return nil
}

// WriteFileAtomic writes data to path so that readers see the old content or the new, never a
// mix: it writes a temporary file in the same folder, syncs it, renames it over path, and syncs
// the folder.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: some file systems cannot sync a directory
		d.Close()
	}
	return nil
}
