package tui

// The reference solution (s shows it as a diff, a applies it) and reset (r). Whatever writes
// files asks first and keeps a backup.

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

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
