package tui

// The editor: e opens the selected step's file in $EDITOR, with the program suspended.

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

type editReadyMsg struct {
	step string
	path string
	done workbook.Prepared
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
		done, err := wb.Start(s) // the file must exist before it can be edited
		return editReadyMsg{s.ID, wb.Path(wb.EditFile(s)), done, err}
	})
}

func (m *model) editReady(msg editReadyMsg) tea.Cmd {
	var se *workbook.SaveError
	if msg.err != nil && !errors.As(msg.err, &se) {
		m.setMessage(fmt.Sprintf("could not start %s: %v", msg.step, msg.err), true)
		return nil
	}
	m.noteSaveError(msg.err)
	m.markStarted(msg.step)
	m.noteStarted(msg.step, msg.done)
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
