package tui

// Preparing a step: the workspace gets the files a step needs, only where they are missing.

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

type preparedMsg struct {
	step    string
	written []string
	err     error
}

// prepareCmd gives the workspace the files step s needs (only where missing).
func (m *model) prepareCmd(s *steps.Step) tea.Cmd {
	wb := m.wb
	return m.wbCmd(func() tea.Msg {
		written, err := wb.Prepare(s)
		return preparedMsg{s.ID, written, err}
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
