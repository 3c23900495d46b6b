// Package progress keeps a learner's progress through the workbook in one small JSON file,
// workspace/.learn/progress.json.
//
// The file is the one source of truth, and several programs write it: the TUI, a learn check in
// another shell, learn watch. So a save never writes memory over the file: it locks the file,
// reads what is there, applies the changes made in this process since it last read or wrote the
// file, and writes the result. A pass recorded by another process is never lost, and Refresh picks
// up what others wrote without a save.
//
// The file is written atomically (see package atomicfile), so a crash or a full disk leaves
// either the old progress or the new, never half of each. A file that cannot be parsed is not
// fatal: Load moves it aside as a backup, reports a *CorruptError, and starts afresh, so the
// learner loses nothing and can still work.
package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/atomicfile"
)

// Version is the format version this package writes.
const Version = 1

// A Status is where a step stands.
type Status string

// The statuses of a step. A step with no record, or a record reset to nothing, is Todo.
const (
	Todo   Status = "todo"
	Passed Status = "passed"
	Failed Status = "failed"
)

// Progress is the whole file, plus what this process last saw of it on disk.
type Progress struct {
	Version int `json:"version"`
	// Current is the step the learner last had open, where the workbook resumes.
	Current string `json:"current,omitempty"`
	// Reached is the furthest step in book order the workspace has been prepared for.
	Reached string                `json:"reached,omitempty"`
	Steps   map[string]*StepState `json:"steps"`

	base   *Progress              // the file as last read or written; nil before either
	seen   []byte                 // its bytes, to tell cheaply whether it changed
	order  func(id string) int    // book order of step ids, for merging Reached
	rename func(id string) string // today's id for an id of an older numbering
}

// StepState is what is known about one step.
type StepState struct {
	Status   Status    `json:"status,omitempty"`  // Passed or Failed; empty means Todo
	Verdict  string    `json:"verdict,omitempty"` // the last check's headline
	Checked  time.Time `json:"checked"`           // when it was last checked
	Attempts int       `json:"attempts"`          // checks the learner asked for
	Hints    int       `json:"hints,omitempty"`   // how many hints have been revealed
	Solution bool      `json:"solution,omitempty"`
	Started  bool      `json:"started,omitempty"` // its files were given to the workspace
}

// New returns empty progress.
func New() *Progress {
	return &Progress{Version: Version, Steps: map[string]*StepState{}}
}

// SetOrder tells p the book order of step ids (a smaller number comes first), so that merging
// keeps the furthest Reached of two writers. Without it ids compare as strings, which is book
// order for ids like "03.02-read-lines".
func (p *Progress) SetOrder(order func(id string) int) { p.order = order }

// SetRename tells p how step ids of an older numbering become today's ids. It renames what p
// holds at once, and everything it reads from the file from now on; the next save writes the new
// ids. A record already held under the new id wins over one under the old.
func (p *Progress) SetRename(rename func(id string) string) {
	p.rename = rename
	p.renameIDs()
	if p.base != nil {
		p.base.rename = rename
		p.base.renameIDs()
	}
}

func (p *Progress) renameIDs() {
	if p == nil || p.rename == nil {
		return
	}
	for id, st := range p.Steps {
		if c := p.rename(id); c != id {
			if _, taken := p.Steps[c]; !taken {
				p.Steps[c] = st
			}
			delete(p.Steps, id)
		}
	}
	p.Current, p.Reached = p.rename(p.Current), p.rename(p.Reached)
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

// Status returns where step id stands.
func (p *Progress) Status(id string) Status {
	if s := p.Steps[id]; s != nil && s.Status != "" {
		return s.Status
	}
	return Todo
}

// Passed reports whether step id has passed its check.
func (p *Progress) Passed(id string) bool { return p.Status(id) == Passed }

// Record notes a check's verdict for step id: passed or failed, its headline, and when.
// It does not count an attempt (see Attempt): a check of an earlier step, run along with the
// one the learner asked for, updates that step's verdict but is not the learner's attempt.
func (p *Progress) Record(id string, passed bool, verdict string, at time.Time) {
	s := p.Step(id)
	s.Checked = at
	s.Verdict = verdict
	if passed {
		s.Status = Passed
	} else {
		s.Status = Failed
	}
}

// Start records that step id was started (its files were given to the workspace), and moves
// Reached forward if id lies further.
func (p *Progress) Start(id string) {
	p.Step(id).Started = true
	if p.Further(id, p.Reached) {
		p.Reached = id
	}
}

// Started reports whether step id was started. Steps checked before this was recorded count too.
func (p *Progress) Started(id string) bool {
	s := p.Steps[id]
	return s != nil && (s.Started || s.Attempts > 0 || s.Status != "")
}

// Attempt counts one check the learner asked for, of step id.
func (p *Progress) Attempt(id string) { p.Step(id).Attempts++ }

// Reset forgets step id's verdict (its hints, attempts and solution flag stay).
func (p *Progress) Reset(id string) {
	if s := p.Steps[id]; s != nil {
		s.Status, s.Verdict = "", ""
	}
}

// ErrNewer means the progress file was written by a newer learn, in a format this one does not
// understand. It is left alone.
var ErrNewer = fmt.Errorf("the file is newer than this learn understands (format %d); update learn", Version)

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
	disk, data, err := read(path)
	if err != nil {
		var corrupt *CorruptError
		if errors.As(err, &corrupt) {
			p := New()
			p.base = New()
			return p, err
		}
		return nil, err
	}
	p := New()
	if disk != nil {
		p = disk.clone()
	}
	p.base, p.seen = disk, data
	return p, nil
}

// read reads and parses the file at path. A missing file is (nil, nil, nil). An unparsable file
// is moved aside and reported as a *CorruptError.
func read(path string) (*Progress, []byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("progress: %w", err)
	}
	p := New()
	err = json.Unmarshal(data, p)
	if err == nil && p.Version > Version {
		return nil, nil, fmt.Errorf("progress: %s: format version %d: %w", path, p.Version, ErrNewer)
	}
	if err == nil && p.Version < 1 {
		err = errors.New("no format version")
	}
	if err != nil {
		backup := fmt.Sprintf("%s.corrupt-%s", path, time.Now().Format("20060102-150405"))
		if rerr := os.Rename(path, backup); rerr != nil {
			return nil, nil, fmt.Errorf("progress: %s is unreadable (%v) and could not be moved aside: %w", path, err, rerr)
		}
		return nil, nil, &CorruptError{Path: path, Backup: backup, Err: err}
	}
	if p.Steps == nil {
		p.Steps = map[string]*StepState{}
	}
	for id, s := range p.Steps {
		if s == nil {
			delete(p.Steps, id)
		}
	}
	return p, data, nil
}

// Refresh picks up what other processes wrote to path since p last read or wrote it, keeping
// the changes p has not saved yet. It reports whether anything changed. A file made unreadable
// meanwhile is moved aside and reported; p keeps what it had and the next Save writes it back.
func (p *Progress) Refresh(path string) (changed bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil && p.seen != nil && bytes.Equal(data, p.seen) {
		return false, nil
	}
	if errors.Is(err, fs.ErrNotExist) && p.seen == nil {
		return false, nil
	}
	disk, data, err := read(path)
	if err != nil {
		return false, err
	}
	p.adoptRename(disk)
	before, _ := json.Marshal(p)
	merged := merge(disk, p.base, p)
	p.adopt(merged)
	p.base, p.seen = disk, data
	after, _ := json.Marshal(p)
	return !bytes.Equal(before, after), nil
}

// Save writes p to path, merged with what other processes wrote there since p last read or
// wrote it, and leaves p holding the merged progress. The folder is created if needed. On error
// the file is unchanged and p keeps its changes for the next Save.
func (p *Progress) Save(path string) error {
	unlock, err := lock(path)
	if err != nil {
		return fmt.Errorf("progress: save: %w", err)
	}
	defer unlock()
	disk, _, err := read(path)
	var corrupt *CorruptError
	switch {
	case errors.As(err, &corrupt):
		// Someone broke the file since we read it; it was kept as a backup. Write what this
		// process knows, which is everything it last saw plus its own changes.
		disk = p.base
	case err != nil:
		return fmt.Errorf("progress: save: %w", err)
	}
	p.adoptRename(disk)
	merged := merge(disk, p.base, p)
	merged.Version = Version
	data, err := json.MarshalIndent(merged, "", "  ")
	if err != nil {
		return fmt.Errorf("progress: %w", err)
	}
	data = append(data, '\n')
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("progress: save: %w", err)
	}
	p.adopt(merged)
	p.base, p.seen = merged.clone(), data
	return nil
}

// adoptRename renames the ids of q, read from the file, the way p renames its own.
func (p *Progress) adoptRename(q *Progress) {
	if q != nil && p.rename != nil {
		q.rename = p.rename
		q.renameIDs()
	}
}

// adopt makes p hold q's progress, keeping p's own bookkeeping.
func (p *Progress) adopt(q *Progress) {
	p.Version, p.Current, p.Reached, p.Steps = q.Version, q.Current, q.Reached, q.Steps
}

// clone returns a deep copy of p's progress.
func (p *Progress) clone() *Progress {
	q := &Progress{Version: p.Version, Current: p.Current, Reached: p.Reached, Steps: make(map[string]*StepState, len(p.Steps))}
	for id, s := range p.Steps {
		c := *s
		q.Steps[id] = &c
	}
	return q
}

// merge applies the changes local made since base (what local last saw of the file) onto disk
// (what the file holds now) and returns the result; it changes none of them. Nil disk or base
// is an empty file.
//
//   - A verdict changed here wins unless the file holds a newer one (checked later elsewhere);
//     a step reset here is reset.
//   - Attempts add up: the file's count plus the attempts made here since base.
//   - Hints revealed and solutions seen are kept from both sides.
//   - Current is this process's if it changed it; Reached is the further of the two.
func merge(disk, base, local *Progress) *Progress {
	if disk == nil {
		disk = New()
	}
	if base == nil {
		base = New()
	}
	out := disk.clone()
	out.Version = Version
	if local.Current != base.Current {
		out.Current = local.Current
	}
	if local.Reached != base.Reached && local.Further(local.Reached, out.Reached) {
		out.Reached = local.Reached
	}
	for id, l := range local.Steps {
		b := base.Steps[id]
		if b == nil {
			b = &StepState{}
		}
		o := out.Steps[id]
		if o == nil {
			o = &StepState{}
			out.Steps[id] = o
		}
		o.Attempts += l.Attempts - b.Attempts
		o.Hints = max(o.Hints, l.Hints)
		o.Solution = o.Solution || l.Solution
		o.Started = o.Started || l.Started
		verdictChanged := l.Status != b.Status || l.Verdict != b.Verdict || !l.Checked.Equal(b.Checked)
		reset := l.Status == "" && b.Status != ""
		if verdictChanged && (reset || !l.Checked.Before(o.Checked)) {
			o.Status, o.Verdict, o.Checked = l.Status, l.Verdict, l.Checked
		}
	}
	return out
}

// Further reports whether step a comes after step b in book order (an empty b: always).
func (p *Progress) Further(a, b string) bool {
	if b == "" {
		return true
	}
	if p.order != nil {
		return p.order(a) > p.order(b)
	}
	return a > b
}
