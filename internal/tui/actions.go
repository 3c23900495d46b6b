package tui

import (
	"errors"
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/watch"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// This file holds what the step keys do. Each key answers at once (a message in the status
// line, a question to confirm) and hands the work to a command that holds the workbook lock.

// ---- preparing a step -------------------------------------------------------------------

type preparedMsg struct {
	step    string
	written []string
	err     error
}

// prepareCmd gives the workspace the files step s needs (only where missing).
func (m *model) prepareCmd(s *steps.Step) tea.Cmd {
	wb := m.wb
	return m.wbCmd(func() tea.Msg {
		done, err := wb.Start(s)
		return preparedMsg{s.ID, append(done.Added, done.Restored...), err}
	})
}

func (m *model) prepared(msg preparedMsg) {
	if msg.err != nil {
		m.setMessage(fmt.Sprintf("could not prepare %s: %v", msg.step, msg.err), true)
		return
	}
	var added []string
	for _, p := range msg.written {
		if !isCheckFile(p) {
			added = append(added, m.wb.Rel(p))
		}
	}
	if len(added) > 0 {
		m.setMessage(fmt.Sprintf("%s: added %s to your workspace", msg.step, strings.Join(added, ", ")), false)
	}
}

// isCheckFile reports whether a workspace path is a check test file (which the checker always
// replaces with its pristine copy, so saving one is no reason to check again).
func isCheckFile(p string) bool {
	base := path.Base(filepath.ToSlash(p))
	return strings.HasPrefix(base, "check_") && strings.HasSuffix(base, "_test.go")
}

// ---- checking ---------------------------------------------------------------------------

// A checkEvent is one verdict of a running check, or the error that stopped it.
type checkEvent struct {
	res workbook.StepResult
	err error
}

type checkEventMsg struct {
	ev checkEvent
	ch chan checkEvent
}

type checkDoneMsg struct{ ch chan checkEvent }

func (m *model) checkKey() tea.Cmd {
	if m.step == nil {
		m.setMessage("there is no step to check", true)
		return nil
	}
	if m.checkCh != nil {
		m.setMessage(fmt.Sprintf("a check of %s is already running", m.run.step.ID), false)
		return nil
	}
	return m.startCheck()
}

// startCheck says "checking …" at once and runs the check in a command; verdicts come back
// one by one on a channel, the step's own first.
func (m *model) startCheck() tea.Cmd {
	s := m.step
	ch := make(chan checkEvent, 4)
	m.checkCh = ch
	m.run = &checkRun{step: s}
	run := m.run
	m.panel = &panel{kind: panelResult, textView: textView{
		title: "Check · " + s.ID,
		build: func(w int) []string { return runLines(m.st, run, w) },
	}}
	m.panel.rebuild(m.paneWidth())
	m.setMessage(fmt.Sprintf("checking %s…", s.ID), false)
	check, sh := m.deps.check, m.sh
	work := func() tea.Msg {
		defer close(ch)
		defer sh.lock()()
		if sh.ctx.Err() != nil {
			return nil // quit before the check began
		}
		send := func(ev checkEvent) {
			select {
			case ch <- ev:
			case <-sh.ctx.Done():
			}
		}
		if err := check(sh.ctx, s, func(r workbook.StepResult) { send(checkEvent{res: r}) }); err != nil {
			send(checkEvent{err: err})
		}
		return nil
	}
	return tea.Batch(work, waitCheck(ch))
}

func waitCheck(ch chan checkEvent) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return checkDoneMsg{ch}
		}
		return checkEventMsg{ev, ch}
	}
}

func (m *model) checkEvent(msg checkEventMsg) tea.Cmd {
	if msg.ch != m.checkCh || m.run == nil {
		return nil
	}
	if msg.ev.err != nil {
		m.run.err = msg.ev.err
	} else {
		r := msg.ev.res
		m.run.results = append(m.run.results, r)
		m.status[r.Step.ID] = statusFailed
		if r.Result.Status == checker.Passed {
			m.status[r.Step.ID] = statusPassed
		}
		m.verdict[r.Step.ID] = r.Result.Headline()
		if len(m.run.results) == 1 {
			m.setMessage(m.verdictMessage(), r.Result.Status != checker.Passed)
		}
		m.compose() // the callout frames show the new state
	}
	m.rebuildPanel(panelResult)
	return waitCheck(msg.ch)
}

func (m *model) checkDone() tea.Cmd {
	m.checkCh = nil
	if m.run == nil {
		return nil
	}
	m.run.done = true
	m.rebuildPanel(panelResult)
	if m.run.err != nil {
		m.setMessage("could not run the check: "+m.run.err.Error(), true)
	} else {
		m.setMessage(m.verdictMessage(), !m.runPassed())
	}
	if m.recheck && m.step != nil {
		m.recheck = false
		return m.startCheck()
	}
	return nil
}

// rebuildPanel lays the panel out again if it shows the given kind of content.
func (m *model) rebuildPanel(kind panelKind) {
	if m.panel != nil && m.panel.kind == kind {
		m.panel.rebuild(m.paneWidth())
	}
}

func (m *model) runPassed() bool {
	for _, r := range m.run.results {
		if r.Result.Status != checker.Passed {
			return false
		}
	}
	return len(m.run.results) > 0
}

// verdictMessage sums a check up in the status line, with what to do next.
func (m *model) verdictMessage() string {
	run := m.run
	if len(run.results) == 0 {
		return fmt.Sprintf("checking %s…", run.step.ID)
	}
	own := run.results[0]
	if own.Result.Status != checker.Passed {
		return fmt.Sprintf("%s %s %s · h hint · e edit", markFailed, own.Step.ID, own.Result.Headline())
	}
	for _, r := range run.results[1:] {
		if r.Result.Status != checker.Passed {
			return fmt.Sprintf("%s %s passes, but %s broke: %s", markPassed, own.Step.ID, r.Step.ID, r.Result.Headline())
		}
	}
	if !run.done {
		return fmt.Sprintf("%s %s passed · checking the earlier steps…", markPassed, own.Step.ID)
	}
	next := "n: next step"
	if own.Step.Index == len(m.book.Steps)-1 {
		next = "that was the last step"
	}
	return fmt.Sprintf("%s %s passed · %s", markPassed, own.Step.ID, next)
}

// noteBusy says, when a check is running, that what was asked for comes once it ends: the
// workbook does one thing at a time.
func (m *model) noteBusy(what string) {
	if m.checkCh != nil && m.run != nil {
		m.setMessage(fmt.Sprintf("%s waits for the check of %s to finish", what, m.run.step.ID), false)
	}
}

// ---- hints ------------------------------------------------------------------------------

type hintMsg struct {
	step     string
	hint     string
	n, total int
	err      error
}

func (m *model) hintKey() tea.Cmd {
	if m.step == nil {
		return nil
	}
	s, wb := m.step, m.wb
	m.noteBusy("the hint")
	return m.wbCmd(func() tea.Msg {
		h, n, total, err := wb.NextHint(s)
		return hintMsg{s.ID, h, n, total, err}
	})
}

func (m *model) hintShown(msg hintMsg) {
	if msg.err != nil && msg.total == 0 {
		m.setMessage(fmt.Sprintf("%s has no hints; s shows the solution", msg.step), false)
		return
	}
	if msg.err != nil {
		// The hint was revealed but progress could not be saved: show it anyway.
		m.setMessage("could not save progress: "+msg.err.Error(), true)
	} else if msg.n == msg.total {
		m.setMessage(fmt.Sprintf("hint %d of %d: the last one · s shows the solution", msg.n, msg.total), false)
	} else {
		m.setMessage(fmt.Sprintf("hint %d of %d · h again for the next", msg.n, msg.total), false)
	}
	hint := msg.hint
	m.panel = &panel{kind: panelHint, textView: textView{
		title: fmt.Sprintf("Hint %d/%d · %s", msg.n, msg.total, msg.step),
		build: func(w int) []string { return hintLines(m.st, hint, w) },
	}}
	m.panel.rebuild(m.paneWidth())
}

// ---- the solution -----------------------------------------------------------------------

type diffMsg struct {
	step  string
	diffs []workbook.FileDiff
	err   error
}

type appliedMsg struct {
	step   string
	backup string
	err    error
}

// solutionKey shows the reference as a diff: at once after the step has passed, otherwise
// after a confirmation.
func (m *model) solutionKey() tea.Cmd {
	if m.step == nil {
		return nil
	}
	s := m.step
	if m.status[s.ID] == statusPassed {
		return m.diffCmd(s)
	}
	m.confirm = &confirm{
		prompt: fmt.Sprintf("You have not passed %s yet. Show the reference solution anyway? y/n", s.ID),
		yes:    func() tea.Cmd { return m.diffCmd(s) },
	}
	return nil
}

func (m *model) diffCmd(s *steps.Step) tea.Cmd {
	wb := m.wb
	m.noteBusy("the solution")
	return m.wbCmd(func() tea.Msg {
		diffs, err := wb.SolutionDiff(s)
		return diffMsg{s.ID, diffs, err}
	})
}

func (m *model) diffShown(msg diffMsg) {
	if msg.err != nil {
		m.setMessage(msg.err.Error(), true)
		return
	}
	diffs, id := msg.diffs, msg.step
	m.overlay = &overlay{kind: overlayDiff, step: id, textView: textView{
		title: "Solution · " + id,
		build: func(w int) []string { return diffLines(m.st, id, diffs, m.wb.Rel, w) },
	}}
	m.overlay.rebuild(m.width)
	m.setMessage("a applies the reference (asks first) · esc goes back", false)
}

func (m *model) applyKey() tea.Cmd {
	s, ok := m.book.ByID(m.overlay.step)
	if !ok {
		return nil
	}
	wb := m.wb
	m.confirm = &confirm{
		prompt: fmt.Sprintf("Write the reference files of %s over yours? Files that differ are backed up to %s first. y/n",
			s.ID, m.backupRoot()),
		yes: func() tea.Cmd {
			m.noteBusy("applying the solution")
			return m.wbCmd(func() tea.Msg {
				backup, err := wb.ApplySolution(m.sh.ctx, s)
				return appliedMsg{s.ID, backup, err}
			})
		},
	}
	return nil
}

func (m *model) applied(msg appliedMsg) {
	if msg.err != nil {
		m.setMessage("could not apply the solution: "+msg.err.Error(), true)
		return
	}
	m.overlay = nil
	if msg.backup == "" {
		m.setMessage(fmt.Sprintf("wrote the reference files of %s (nothing of yours needed a backup) · c checks", msg.step), false)
		return
	}
	m.setMessage(fmt.Sprintf("wrote the reference files of %s; your versions are in %s · c checks",
		msg.step, m.relPath(msg.backup)+"/"), false)
}

// backupRoot is where backups go, as the learner sees it: "workspace/.learn/backup/".
func (m *model) backupRoot() string {
	return m.wb.Rel(".learn/backup") + "/"
}

// relPath names an absolute path inside the workspace the way the workbook's messages do.
func (m *model) relPath(p string) string {
	if r, err := filepath.Rel(m.wb.Dir, p); err == nil && !strings.HasPrefix(r, "..") {
		return m.wb.Rel(filepath.ToSlash(r))
	}
	return p
}

// ---- reset ------------------------------------------------------------------------------

type resetMsg struct {
	step   string
	backup string
	err    error
}

func (m *model) resetKey() tea.Cmd {
	if m.step == nil {
		return nil
	}
	s, wb := m.step, m.wb
	var files []string
	for _, f := range append(append([]steps.File{}, s.Starter...), s.Solution...) {
		if rel := wb.Rel(f.Path); !contains(files, rel) {
			files = append(files, rel)
		}
	}
	m.confirm = &confirm{
		prompt: fmt.Sprintf("Reset %s? %s go back to how they were before the step; your versions are backed up to %s first. y/n",
			s.ID, strings.Join(files, ", "), m.backupRoot()),
		yes: func() tea.Cmd {
			m.noteBusy("the reset")
			return m.wbCmd(func() tea.Msg {
				backup, err := wb.Reset(s)
				return resetMsg{s.ID, backup, err}
			})
		},
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func (m *model) resetDone(msg resetMsg) {
	if msg.err != nil {
		m.setMessage("could not reset: "+msg.err.Error(), true)
		return
	}
	m.status[msg.step] = statusTodo
	m.verdict[msg.step] = ""
	m.compose()
	if msg.backup == "" {
		m.setMessage(fmt.Sprintf("reset %s; nothing had changed, so no backup was needed", msg.step), false)
		return
	}
	m.setMessage(fmt.Sprintf("reset %s; your versions are in %s", msg.step, m.relPath(msg.backup)+"/"), false)
}

// ---- the editor -------------------------------------------------------------------------

type editReadyMsg struct {
	step string
	path string
	err  error
}

type editorDoneMsg struct {
	note string
	err  error
}

// errNoEditor means neither $EDITOR nor a fallback editor was found.
var errNoEditor = errors.New("tui: no editor")

func (m *model) editKey() tea.Cmd {
	if m.step == nil {
		return nil
	}
	s, wb := m.step, m.wb
	m.noteBusy("the editor")
	return m.wbCmd(func() tea.Msg {
		_, err := wb.Start(s) // the file must exist before it can be edited
		return editReadyMsg{s.ID, wb.Path(wb.EditFile(s)), err}
	})
}

func (m *model) editReady(msg editReadyMsg) tea.Cmd {
	if msg.err != nil {
		m.setMessage(fmt.Sprintf("could not prepare %s: %v", msg.step, msg.err), true)
		return nil
	}
	argv, note, err := editorCommand(m.deps.getenv, m.deps.lookPath)
	if err != nil {
		m.setMessage(fmt.Sprintf("$EDITOR is not set and neither nano nor vi was found: set it (export EDITOR=nano) "+
			"or open %s yourself", m.relPath(msg.path)), true)
		return nil
	}
	c := exec.Command(argv[0], append(argv[1:], msg.path)...)
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorDoneMsg{note, err} })
}

func (m *model) editorDone(msg editorDoneMsg) {
	if msg.err != nil {
		m.setMessage("the editor stopped with an error: "+msg.err.Error(), true)
		return
	}
	s := "back from the editor · c checks"
	if m.watcher != nil {
		s = "back from the editor · watching: saves are checked"
	}
	if msg.note != "" {
		s += " · " + msg.note
	}
	m.setMessage(s, false)
}

// editorCommand finds the editor to run: $EDITOR (which may carry arguments, "code --wait"),
// then $VISUAL, then nano or vi. note says what was chosen when $EDITOR was not set.
func editorCommand(getenv func(string) string, lookPath func(string) (string, error)) (argv []string, note string, err error) {
	for _, v := range []string{"EDITOR", "VISUAL"} {
		if f := strings.Fields(getenv(v)); len(f) > 0 {
			return f, "", nil
		}
	}
	for _, name := range []string{"nano", "vi"} {
		if p, err := lookPath(name); err == nil {
			return []string{p}, fmt.Sprintf("$EDITOR is not set, so e opened %s (export EDITOR=... to choose)", name), nil
		}
	}
	return nil, "", errNoEditor
}

// ---- watch mode -------------------------------------------------------------------------

// watcher is what watch mode needs of a watch.Watcher (tests use a fake).
type watcher interface {
	Changes() <-chan []string // batches of changed .go files; closed when the watcher stops
	Polling() bool
	Close() error
}

// fsWatcher adapts a watch.Watcher.
type fsWatcher struct{ w *watch.Watcher }

func (f fsWatcher) Changes() <-chan []string { return f.w.C }
func (f fsWatcher) Polling() bool            { return f.w.Polling }
func (f fsWatcher) Close() error             { return f.w.Close() }

func startFSWatcher(dir string) (watcher, error) {
	w, err := watch.Start(dir, watch.Options{})
	if err != nil {
		return nil, err
	}
	return fsWatcher{w}, nil
}

type watchStartedMsg struct {
	w   watcher
	err error
}

type watchEventMsg struct {
	w     watcher
	paths []string
}

func (m *model) watchKey() tea.Cmd {
	if m.watcher != nil {
		w := m.watcher
		m.watcher = nil
		m.recheck = false
		m.setMessage("stopped watching", false)
		return func() tea.Msg { w.Close(); return nil }
	}
	if m.watchStarting {
		return nil
	}
	m.watchStarting = true
	m.setMessage("starting to watch…", false)
	start, dir := m.deps.startWatch, m.wb.Dir
	return func() tea.Msg {
		w, err := start(dir)
		return watchStartedMsg{w, err}
	}
}

func (m *model) watchStarted(msg watchStartedMsg) tea.Cmd {
	m.watchStarting = false
	if msg.err != nil {
		m.setMessage("could not watch the workspace: "+msg.err.Error(), true)
		return nil
	}
	m.watcher = msg.w
	s := "every save in " + m.wb.Rel("") + "/ re-checks the selected step · w stops watching"
	if msg.w.Polling() {
		s += " (polling: this file system sends no change events)"
	}
	m.setMessage(s, false)
	return waitWatch(msg.w)
}

func waitWatch(w watcher) tea.Cmd {
	return func() tea.Msg {
		paths, ok := <-w.Changes()
		if !ok {
			return nil
		}
		return watchEventMsg{w, paths}
	}
}

func (m *model) watchEvent(msg watchEventMsg) tea.Cmd {
	if msg.w != m.watcher {
		return nil // stopped since
	}
	saved := false
	for _, p := range msg.paths {
		if !isCheckFile(p) {
			saved = true
		}
	}
	if !saved || m.step == nil {
		return waitWatch(msg.w)
	}
	if m.checkCh != nil {
		m.recheck = true
		return waitWatch(msg.w)
	}
	return tea.Batch(waitWatch(msg.w), m.startCheck())
}

// ---- saving the selected step -----------------------------------------------------------

type saveTickMsg struct{ gen int }

type savedMsg struct{ err error }

// saveDelay is how long the selection must rest before it is saved, so holding j does not
// write the progress file for every row.
const saveDelay = 400 * time.Millisecond

func (m *model) scheduleSave() tea.Cmd {
	m.saveGen++
	gen := m.saveGen
	if m.deps.saveDelay < 0 {
		return func() tea.Msg { return saveTickMsg{gen} }
	}
	return tea.Tick(saveDelay, func(time.Time) tea.Msg { return saveTickMsg{gen} })
}

// saveCmd records id as the step to resume at.
func (m *model) saveCmd(id string) tea.Cmd {
	wb := m.wb
	return m.wbCmd(func() tea.Msg {
		if wb.Progress.Current == id {
			return savedMsg{}
		}
		wb.Progress.Current = id
		return savedMsg{wb.Save()}
	})
}
