package tui

// Progress that others write, and a workspace that cannot be written. The progress file is the
// one source of truth: learn check in another shell records verdicts there, and the TUI picks
// them up on a timer and whenever the terminal gives it focus. A save that fails (a read-only or
// full workspace) is said once, in the warning line; verdicts are still shown.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// refreshEvery is how often the TUI looks for progress written by another learn.
const refreshEvery = 2 * time.Second

type refreshTickMsg struct{}

// refreshedMsg carries every step's state after another process changed the progress file.
type refreshedMsg struct {
	status  map[string]progress.Status
	verdict map[string]string
	started map[string]bool
	err     error
	tick    bool // from the timer: arm it again
}

// refreshTick waits for the next look at the progress file (never, when deps.refresh is zero).
func (m *model) refreshTick() tea.Cmd {
	if m.deps.refresh <= 0 {
		return nil
	}
	return tea.Tick(m.deps.refresh, func(time.Time) tea.Msg { return refreshTickMsg{} })
}

// refreshCmd reads the progress file and, if another process changed it, sends every step's
// state back. It holds the workbook lock like every workbook command, so it never reads a
// half-recorded check of this process.
func (m *model) refreshCmd(tick bool) tea.Cmd {
	wb, book := m.wb, m.book
	return m.sh.cmd(func() tea.Msg {
		changed, err := wb.Refresh()
		if err != nil || !changed {
			return refreshedMsg{err: err, tick: tick}
		}
		msg := snapshot(wb, book)
		msg.tick = tick
		return msg
	})
}

// snapshot reads every step's state from the workbook (the caller holds the lock, or the
// program has not started).
func snapshot(wb *workbook.Workbook, book *steps.Book) refreshedMsg {
	msg := refreshedMsg{status: map[string]progress.Status{}, verdict: map[string]string{}, started: map[string]bool{}}
	for _, s := range book.Steps {
		msg.status[s.ID] = wb.Status(s)
		msg.verdict[s.ID] = cleanLine(wb.Verdict(s))
		msg.started[s.ID] = wb.Progress.Started(s.ID)
	}
	return msg
}

// refreshed takes in the states another process recorded. A check running here is left alone:
// its verdicts arrive on their own, and are newer.
func (m *model) refreshed(msg refreshedMsg) tea.Cmd {
	if msg.status != nil {
		running := map[string]bool{}
		if m.checkCh != nil && m.run != nil {
			running[m.run.step.ID] = true
		}
		var changed []string
		for id, st := range msg.status {
			if running[id] {
				continue
			}
			if m.status[id] != st || m.verdict[id] != msg.verdict[id] {
				changed = append(changed, id)
			}
			m.status[id], m.verdict[id], m.started[id] = st, msg.verdict[id], msg.started[id]
		}
		m.compose()
		m.noteChangedElsewhere(changed)
	}
	if !msg.tick {
		return nil
	}
	return m.refreshTick()
}

// noteChangedElsewhere tells the learner when another learn checked the selected step: the
// verdict this TUI showed for it is stale, so its result panel closes and the status line says
// the new one.
func (m *model) noteChangedElsewhere(ids []string) {
	if m.step == nil || !slices.Contains(ids, m.step.ID) {
		return
	}
	id := m.step.ID
	if m.panel != nil && m.panel.kind == panelResult && m.checkCh == nil {
		m.panel = nil
		if m.focus == focusPanel {
			m.focus = focusLesson
		}
	}
	switch m.status[id] {
	case statusPassed:
		m.setMessage(fmt.Sprintf("%s %s passed, checked by another learn · n: next step", markPassed, id), false)
	case statusFailed:
		m.setMessage(fmt.Sprintf("%s %s %s, checked by another learn · c checks it here", markFailed, id, m.verdict[id]), true)
	}
}

// noteSaveError warns, once, when err says the workspace could not be written.
func (m *model) noteSaveError(err error) {
	var se *workbook.SaveError
	if !errors.As(err, &se) || m.saveWarned {
		return
	}
	m.saveWarned = true
	m.warning = cleanText("warning: " + se.Error() + " · checks still run and show their verdicts, but nothing is remembered")
}

type warmedMsg struct{}

// warmCmd fills the go command's build cache for step s in the background while the learner
// reads, so the first check does not wait for the standard library to compile. It writes nothing
// in the workspace and stops when the program quits.
func (m *model) warmCmd(s *steps.Step) tea.Cmd {
	if m.deps.warm == nil || s == nil {
		return nil
	}
	warm, ctx := m.deps.warm, m.sh.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
		defer cancel()
		warm(ctx, s) // best effort: a failure only means the first check compiles more
		return warmedMsg{}
	}
}
