package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

// Options configure Run.
type Options struct {
	// Lessons is the book's chapters folder (chapters.FS()): "ch03/03.02-reading-files.md".
	// Nil means the embedded book.
	Lessons fs.FS
	// NoColor turns colour off (NO_COLOR is set, or --no-color was given). Run also honours
	// NO_COLOR itself.
	NoColor bool
	// StepID opens the workbook at this step instead of the one it would resume at. A prefix
	// that names one step ("01.02") is enough.
	StepID string
	// Style is the glamour style lessons are rendered in: "dark", "light", "notty", "ascii",
	// "dracula", "tokyo-night" or "pink". Empty means $GLAMOUR_STYLE if set, else light or dark
	// after the terminal's background. With colour off it is always "notty".
	Style string
}

// Run starts the TUI on wb and returns when the learner quits. It opens at opts.StepID, or at
// the step the learner last had open if it is not done, or at the first unfinished step, and
// saves the selected step as the one to resume at when it returns.
func Run(wb *workbook.Workbook, opts Options) error {
	d := environment(opts, os.Getenv)
	d.refresh, d.warm = refreshEvery, wb.Warm
	m, err := newModel(wb, opts, d)
	if err != nil {
		return err
	}
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil {
		m.applySize(w, h) // the first frame is drawn at the right size; Init starts rendering
	}
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithReportFocus())
	_, runErr := p.Run()
	if err := m.shutdown(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return fmt.Errorf("tui: %w", runErr)
	}
	return nil
}

// shutdown stops what the program started and saves the selected step as the one to resume
// at. A running check was cancelled by quit; taking the lock waits for it to wind down.
func (m *model) shutdown() error {
	m.sh.cancel()
	if m.watcher != nil {
		m.watcher.Close()
		m.watcher = nil
	}
	defer m.sh.lock()()
	if m.step == nil {
		return nil
	}
	var se *workbook.SaveError
	if err := m.wb.SetCurrent(m.step.ID); err != nil && !errors.As(err, &se) {
		return err
	}
	return nil // a workspace that cannot be written was warned about already
}

// environment reads the terminal's capabilities and the learner's settings.
func environment(opts Options, getenv func(string) string) deps {
	d := deps{getenv: getenv}
	noColor := opts.NoColor || getenv("NO_COLOR") != ""
	if noColor {
		d.profile = termenv.Ascii
	} else {
		d.profile = termenv.NewOutput(os.Stdout).EnvColorProfile()
	}
	// Bubble Tea v1 asks the terminal for its background when the program starts (its package
	// init); lipgloss keeps the answer, so this costs nothing more.
	d.dark = lipgloss.HasDarkBackground()
	d.style = chooseStyle(opts.Style, getenv("GLAMOUR_STYLE"), d.dark, d.profile == termenv.Ascii)
	return d
}

// chooseStyle picks the glamour style: notty without colour; else the one asked for; else
// $GLAMOUR_STYLE if it names a built-in style; else dark or light.
func chooseStyle(asked, env string, dark, noColor bool) string {
	if noColor {
		return "notty"
	}
	known := map[string]bool{"dark": true, "light": true, "notty": true, "ascii": true,
		"dracula": true, "tokyo-night": true, "pink": true}
	for _, s := range []string{asked, env} {
		if known[s] {
			return s
		}
	}
	if dark {
		return "dark"
	}
	return "light"
}
