package tui

// Saving the selected step as the one to resume at, once the selection rests.

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

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
	return m.wbCmd(func() tea.Msg { return savedMsg{wb.SetCurrent(id)} })
}
