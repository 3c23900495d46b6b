package tui

// Starting a step: the workspace gets the files a step needs, only where they are missing. Browsing
// the book writes nothing; a step starts when the learner checks it, opens it in the editor, or
// presses the start key.

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

type preparedMsg struct {
	step string
	done workbook.Prepared
	err  error
}

// startKey starts the selected step: its files appear in the workspace.
func (m *model) startKey() tea.Cmd {
	if m.step == nil {
		return nil
	}
	m.noteBusy("starting the step")
	return m.prepareCmd(m.step)
}

// prepareCmd gives the workspace the files step s needs (only where missing).
func (m *model) prepareCmd(s *steps.Step) tea.Cmd {
	wb := m.wb
	return m.wbCmd(func() tea.Msg {
		done, err := wb.Start(s)
		return preparedMsg{s.ID, done, err}
	})
}

func (m *model) prepared(msg preparedMsg) {
	var se *workbook.SaveError
	if msg.err != nil && !errors.As(msg.err, &se) {
		m.setMessage(fmt.Sprintf("could not start %s: %v", msg.step, msg.err), true)
		return
	}
	m.noteSaveError(msg.err)
	m.markStarted(msg.step)
	m.noteStarted(msg.step, msg.done)
	if len(msg.done.Added) == 0 && len(msg.done.Restored) == 0 {
		m.setMessage(fmt.Sprintf("%s: its files are in your workspace · e edits %s", msg.step, m.editFile[msg.step]), false)
	}
}

// markStarted records that step id, and the earlier steps of its package, have their files.
func (m *model) markStarted(id string) {
	s, ok := m.book.ByID(id)
	if !ok {
		return
	}
	for _, t := range m.book.Package(s.Package) {
		if t.Index <= s.Index {
			m.started[t.ID] = true
		}
	}
	m.compose()
}

// noteStarted says what starting a step wrote: the files it added, and check files put back
// because the learner had changed them (the checker never runs those copies anyway).
func (m *model) noteStarted(step string, done workbook.Prepared) {
	var added, restored []string
	for _, p := range done.Added {
		if !isCheckFile(p) {
			added = append(added, m.wb.Rel(p))
		}
	}
	for _, p := range done.Restored {
		restored = append(restored, m.wb.Rel(p))
	}
	switch {
	case len(restored) > 0:
		m.setMessage(fmt.Sprintf("restored %s: check files are learn's; write your own tests in other files",
			strings.Join(restored, ", ")), false)
	case len(added) > 0:
		m.setMessage(fmt.Sprintf("%s: added %s to your workspace", step, strings.Join(added, ", ")), false)
	}
}

// isCheckFile reports whether a workspace path is a check test file (which the checker always
// replaces with its pristine copy, so saving one is no reason to check again).
func isCheckFile(p string) bool {
	base := path.Base(filepath.ToSlash(p))
	return strings.HasPrefix(base, "check_") && strings.HasSuffix(base, "_test.go")
}
