package tui

// Checking: c (or a save in watch mode) starts a check of the selected step and the earlier
// steps it builds on; the verdicts come back one by one.

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

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
		m.queueCheck()
		return nil
	}
	return m.startCheck()
}

// queueCheck asks for one more check once the running one ends (c pressed, or a file saved in
// watch mode, during a check): the workbook checks one thing at a time, and the running check
// may be of code the learner has changed since. However often it is asked, one check is queued,
// of the step selected when it starts; its verdict then replaces this one's.
func (m *model) queueCheck() {
	m.recheck = true
	m.run.again = true
	m.rebuildPanel(panelResult)
	m.setMessage(m.againNote(), false)
}

// againNote says that a check is queued.
func (m *model) againNote() string {
	if m.step != nil && m.step != m.run.step {
		return fmt.Sprintf("checking %s when this check of %s ends", m.step.ID, m.run.step.ID)
	}
	return "checking again when this check ends"
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
		build: func(w int) []string { return runLines(m.st, run, m.headline, w) },
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
	var se *workbook.SaveError
	switch {
	case errors.As(msg.ev.err, &se):
		m.noteSaveError(msg.ev.err) // the verdicts stand; they are only not remembered
	case msg.ev.err != nil:
		m.run.err = msg.ev.err
	default:
		r := msg.ev.res
		if len(m.run.results) == 0 {
			m.markStarted(r.Step.ID)
		}
		m.run.results = append(m.run.results, r)
		m.status[r.Step.ID] = statusFailed
		if r.Result.Status == checker.Passed {
			m.status[r.Step.ID] = statusPassed
		}
		m.verdict[r.Step.ID] = m.headline(r.Result)
		switch {
		case m.quitting:
		case len(m.run.results) == 1 && m.recheck:
			m.setMessage(m.verdictMessage()+" · "+m.againNote(), r.Result.Status != checker.Passed)
		case len(m.run.results) == 1:
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
	if m.quitting {
		return tea.Quit // the check has stopped: quit now, as asked
	}
	if m.run.err != nil {
		m.setMessage("could not run the check: "+m.run.err.Error(), true)
	} else {
		m.setMessage(m.verdictMessage(), !m.run.passed())
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

// headline is a result's one-line summary ("passed (4 tests, 1.3s)"), with its duration as
// deps.elapsed shows it: tests show a fixed one, so their screens do not depend on the clock.
func (m *model) headline(res *checker.Result) string {
	if res.Elapsed > 0 && m.deps.elapsed != nil {
		r := *res
		r.Elapsed = m.deps.elapsed(res.Elapsed)
		res = &r
	}
	return cleanLine(res.Headline())
}

// passed reports whether every verdict of the run passed.
func (run *checkRun) passed() bool {
	for _, r := range run.results {
		if r.Result.Status != checker.Passed {
			return false
		}
	}
	return len(run.results) > 0
}

// verdictMessage sums the last check up in the status line.
func (m *model) verdictMessage() string { return m.run.message(m.headline, len(m.book.Steps)) }

// message sums a check up in the status line, with what to do next.
func (run *checkRun) message(headline func(*checker.Result) string, steps int) string {
	if len(run.results) == 0 {
		return fmt.Sprintf("checking %s…", run.step.ID)
	}
	own := run.results[0]
	if own.Result.Status != checker.Passed {
		return fmt.Sprintf("%s %s %s · h hint · e edit", markFailed, own.Step.ID, headline(own.Result))
	}
	for _, r := range run.results[1:] {
		if r.Result.Status != checker.Passed {
			return fmt.Sprintf("%s %s passes, but %s broke: %s", markPassed, own.Step.ID, r.Step.ID, headline(r.Result))
		}
	}
	if !run.done {
		return fmt.Sprintf("%s %s passed · checking the earlier steps…", markPassed, own.Step.ID)
	}
	next := "n: next step"
	if own.Step.Index == steps-1 {
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
