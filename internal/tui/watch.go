package tui

// Watch mode: w starts or stops re-checking the selected step on every save.

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/watch"
)

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
		m.queueCheck()
		return waitWatch(msg.w)
	}
	return tea.Batch(waitWatch(msg.w), m.startCheck())
}
