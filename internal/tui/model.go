package tui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// deps are the model's connections to the outside world, replaced in tests.
type deps struct {
	// check checks a step and the earlier steps it builds on, reporting each verdict as it
	// comes (workbook.CheckThrough).
	check func(ctx context.Context, s *steps.Step, report func(workbook.StepResult)) error
	// startWatch starts watching the workspace for saves (watch.Start).
	startWatch func(dir string) (watcher, error)
	getenv     func(string) string
	lookPath   func(string) (string, error)
	profile    termenv.Profile // colour profile; termenv.Ascii for NO_COLOR
	style      string          // glamour style: "dark", "light", "notty"
	dark       bool            // the terminal's background is dark
	saveDelay  time.Duration   // negative: save the selected step at once (tests)
	// refresh is how often to look for progress written by another process; zero: never.
	refresh time.Duration
	// warm compiles what checking a step needs, in the background (workbook.Warm); nil: not.
	warm func(ctx context.Context, s *steps.Step) error
	// elapsed maps how long a check took to the duration shown; nil shows it as measured.
	elapsed func(time.Duration) time.Duration
}

// shared is what the model and its commands share. Commands run on their own goroutines and
// the workbook is not safe for concurrent use, so every workbook call holds mu. The model
// never reads the workbook's progress while the program runs: it keeps its own copy of each
// step's state, updated from the messages commands send back.
type shared struct {
	mu     sync.Mutex
	ctx    context.Context // cancelled on quit: stops a running check
	cancel context.CancelFunc
}

func (s *shared) lock() func() {
	s.mu.Lock()
	return s.mu.Unlock
}

// cmd runs f as a command holding the lock, unless the program has quit: once shutdown holds
// the lock, no command touches the workspace any more.
func (s *shared) cmd(f func() tea.Msg) tea.Cmd {
	return func() tea.Msg {
		defer s.lock()()
		if s.ctx.Err() != nil {
			return nil
		}
		return f()
	}
}

// focus is the pane that scroll keys act on.
type focus int

const (
	focusTree focus = iota
	focusLesson
	focusPanel
)

// model is the whole TUI state. Update is the only place it changes; anything slow (checks,
// rendering, file I/O, the editor) runs in a tea.Cmd and comes back as a message.
type model struct {
	wb      *workbook.Workbook
	book    *steps.Book
	lessons fs.FS
	keys    keyMap
	st      styles
	pool    *renderPool
	deps    deps
	sh      *shared

	width, height int
	treeHidden    bool
	focus         focus

	tree     tree
	step     *steps.Step                // the step c, w, h, s, r and e act on
	status   map[string]progress.Status // step id -> statusPassed, statusFailed or statusTodo
	verdict  map[string]string          // step id -> the last check's headline
	started  map[string]bool            // step id -> its files are in the workspace
	editFile map[string]string          // step id -> the file to edit, as "workspace/netbasics/echo.go"

	docs      map[string]*document
	les       lessonView
	cache     map[pieceKey]pieceLines
	frames    map[frameKey][]string // framed callouts
	renderGen int                   // bumped when the document or the width changes
	chainGen  int                   // the generation of the render command in flight; 0 when none

	search  search
	panel   *panel   // the check result or a hint, under the lesson
	overlay *overlay // the ? screen or the solution diff, over both panes
	confirm *confirm

	message    string // the status line
	messageBad bool
	warning    string // problems found on opening (a corrupt progress file); esc dismisses

	run      *checkRun // the check in progress or the last one
	checkCh  chan checkEvent
	recheck  bool // c or a save during a check: check again when it ends
	quitting bool // q during a check: quit once it has stopped

	watcher       watcher
	watchStarting bool

	saveWarned bool // a failed save has been warned about

	saveGen  int
	inflight int // workbook commands running
}

// newModel builds the model for wb. It reads the chapter list and opens the step to resume at;
// nothing is rendered yet (that happens in commands once the size is known).
func newModel(wb *workbook.Workbook, opts Options, d deps) (*model, error) {
	lessons := opts.Lessons
	if lessons == nil {
		lessons = chapters.FS()
	}
	chs, err := chapters.Load(lessons)
	if err != nil {
		return nil, fmt.Errorf("tui: %w", err)
	}
	if d.check == nil {
		d.check = wb.CheckThrough
	}
	if d.startWatch == nil {
		d.startWatch = startFSWatcher
	}
	if d.lookPath == nil {
		d.lookPath = exec.LookPath
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &model{
		wb:       wb,
		book:     wb.Book,
		lessons:  lessons,
		keys:     defaultKeyMap(),
		st:       newStyles(d.profile, d.dark),
		pool:     newRenderPool(d.style, d.profile),
		deps:     d,
		sh:       &shared{ctx: ctx, cancel: cancel},
		focus:    focusLesson,
		status:   map[string]progress.Status{},
		verdict:  map[string]string{},
		started:  map[string]bool{},
		editFile: map[string]string{},
		docs:     map[string]*document{},
		cache:    map[pieceKey]pieceLines{},
		// Generation 0 would read as "a render is in flight" (chainGen 0 means none).
		renderGen: 1,
		frames:    map[frameKey][]string{},
	}
	// The program has not started: reading the workbook here races with nothing.
	m.status, m.verdict, m.started = nil, nil, nil
	snap := snapshot(wb, m.book)
	m.status, m.verdict, m.started = snap.status, snap.verdict, snap.started
	for _, s := range m.book.Steps {
		m.editFile[s.ID] = wb.Rel(wb.EditFile(s))
	}
	m.tree = buildTree(chs, m.book)
	if len(wb.Warnings) > 0 {
		m.warning = cleanText(joinWarnings(wb.Warnings))
	}

	start, err := m.resumeStep(opts.StepID)
	if err != nil {
		return nil, err
	}
	switch {
	case start != nil && opts.StepID == "" && m.newLearner():
		// A new learner starts at the top of the first lesson of the first step's chapter
		// (chapter 1: the optional chapter 0 is listed above it), with that step selected
		// for c and e.
		m.setStep(start)
		m.openRow(m.tree.firstLessonOf(start.Chapter))
	case start != nil:
		m.selectStep(start)
	case len(m.tree.rows) > 0:
		m.openRow(0)
	}
	return m, nil
}

// newLearner reports whether nothing has happened in the workspace yet: no step started,
// checked or opened.
func (m *model) newLearner() bool {
	if m.wb.Progress.Current != "" {
		return false
	}
	for _, s := range m.book.Steps {
		if m.started[s.ID] || m.status[s.ID] != statusTodo {
			return false
		}
	}
	return true
}

// resumeStep picks the step to open: the one asked for; else the one the learner last had
// open, if it is not done yet (they skipped ahead or were in the middle of it); else the first
// unfinished step.
func (m *model) resumeStep(id string) (*steps.Step, error) {
	if id != "" {
		s, err := m.book.Find(id)
		if err != nil {
			return nil, fmt.Errorf("tui: %w", err)
		}
		return s, nil
	}
	if s, ok := m.book.ByID(m.wb.Progress.Current); ok && m.status[s.ID] != statusPassed {
		return s, nil
	}
	return m.currentStep(), nil
}

// currentStep is the first required step not yet passed (steps.Book.FirstUnfinished: an
// optional chapter's steps come only after every required one).
func (m *model) currentStep() *steps.Step {
	return m.book.FirstUnfinished(func(id string) bool { return m.status[id] == statusPassed })
}

func joinWarnings(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += "; "
		}
		out += w
	}
	return "warning: " + out
}

// Init starts what the first frame does not wait for: preparing the step's files and rendering
// the visible part of its lesson.
func (m *model) Init() tea.Cmd {
	// Nothing is written into the workspace until the learner starts a step.
	return tea.Batch(m.nextRender(), m.warmCmd(m.currentStep()), m.refreshTick())
}

// Update handles one message.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case wbMsg:
		m.inflight--
		if msg.msg == nil {
			return m, nil
		}
		return m.Update(msg.msg)
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		return m, m.handleMouse(msg)
	case pieceRenderedMsg:
		return m, m.pieceRendered(msg)
	case preparedMsg:
		m.prepared(msg)
	case checkEventMsg:
		return m, m.checkEvent(msg)
	case checkDoneMsg:
		return m, m.checkDone()
	case hintMsg:
		return m, m.hintShown(msg)
	case panelRenderedMsg:
		m.panelRendered(msg)
	case diffMsg:
		m.diffShown(msg)
	case appliedMsg:
		m.applied(msg)
	case resetMsg:
		m.resetDone(msg)
	case editReadyMsg:
		return m, m.editReady(msg)
	case editorDoneMsg:
		m.editorDone(msg)
	case watchStartedMsg:
		return m, m.watchStarted(msg)
	case watchEventMsg:
		return m, m.watchEvent(msg)
	case saveTickMsg:
		if msg.gen == m.saveGen && m.step != nil {
			return m, m.saveCmd(m.step.ID)
		}
	case savedMsg:
		var se *workbook.SaveError
		switch {
		case errors.As(msg.err, &se):
			m.noteSaveError(msg.err)
		case msg.err != nil:
			m.setMessage("could not save progress: "+msg.err.Error(), true)
		}
	case refreshTickMsg:
		return m, m.refreshCmd(true)
	case refreshedMsg:
		return m, m.refreshed(msg)
	case tea.FocusMsg:
		return m, m.refreshCmd(false)
	case warmedMsg:
	case probeMsg:
		msg <- m.probe()
	}
	return m, nil
}

// wbMsg carries the result of a workbook command, so the model can count those in flight.
type wbMsg struct{ msg tea.Msg }

// wbCmd runs f as a workbook command: holding the lock, and not at all once the program has
// quit.
func (m *model) wbCmd(f func() tea.Msg) tea.Cmd {
	m.inflight++
	run := m.sh.cmd(f)
	return func() tea.Msg { return wbMsg{run()} }
}

// setMessage sets the status line.
func (m *model) setMessage(s string, bad bool) {
	m.message, m.messageBad = cleanText(s), bad
}

// resize adapts to a new terminal size: the lesson is composed again at the new width from
// cached renders where they exist and raw text where not, and rendering starts over.
func (m *model) resize(w, h int) tea.Cmd {
	if m.applySize(w, h) {
		return tea.Batch(m.nextRender(), m.renderPanel())
	}
	return nil
}

// applySize records a new size and reports whether the lesson pane's width changed.
func (m *model) applySize(w, h int) bool {
	oldPane := m.paneWidth()
	m.width, m.height = w, h
	if m.paneWidth() != oldPane {
		m.widthChanged()
		return true
	}
	m.tree.ensureVisible(m.treeHeight())
	return false
}

// widthChanged drops renders made for other widths and composes the lesson again.
func (m *model) widthChanged() {
	w := m.paneWidth()
	for k := range m.cache {
		if k.width != w && k.width != proseWidth(w) {
			delete(m.cache, k)
		}
	}
	clear(m.frames)
	m.renderGen++
	m.compose()
	if m.panel != nil {
		m.panel.rebuild(m.paneWidth())
	}
	if m.overlay != nil {
		m.overlay.rebuild(m.width)
	}
	m.tree.ensureVisible(m.treeHeight())
}

// probeMsg asks the model for a snapshot of its state; tests use it to wait for the program to
// settle without reading the model from another goroutine.
type probeMsg chan probeState

type probeState struct {
	rendering bool // some piece of the open lesson is not rendered yet
	checking  bool
	busy      bool // a workbook command is running
	view      string
}

func (m *model) probe() probeState {
	return probeState{
		rendering: m.chainGen != 0,
		checking:  m.checkCh != nil,
		busy:      m.inflight > 0,
		view:      m.View(),
	}
}
