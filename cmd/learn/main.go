// Command learn is the workbook: with no arguments it opens the terminal UI at the first
// unfinished step; with a subcommand it does one thing and exits, for scripts and for learners who
// live in their editor.
//
//	learn [--dir DIR] [COMMAND] [ARGS]
//
// DIR is the learner's workspace (default ./workspace), created on first use. Run learn help for
// the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/tui"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// usage is the help text. Its examples are real steps of the book this binary carries, so they
// work when copied.
func (a *app) usage() string {
	example, prefix := "01.02-echo-once", "01.02"
	if n := len(a.book.Steps); n > 0 {
		s := a.book.Steps[min(n-1, n/6)]
		example, prefix = s.ID, uniquePrefix(a.book, s)
	}
	return strings.NewReplacer("EXAMPLE", example, "PREFIX", prefix).Replace(`learn: a workbook that teaches backend Go by building a logger and a web framework.

Usage:
  learn [--dir DIR] [--no-color] [STEP]    open the workbook (a terminal UI), at STEP if given
  learn [--dir DIR] COMMAND [ARGS]

Commands:
  list [--plain]           every step with its status (--plain: ID<TAB>STATUS<TAB>TITLE)
  check [STEP]             check STEP; with none, the current step and then every earlier one
  check [STEP] --json      the same, each verdict one JSON object on a line (for programs)
  check --all [--json]     re-check every step from your files and rebuild your progress
  watch [STEP]             check again whenever you save a Go file (Ctrl-C stops)
  hint [STEP]              show the next hint for STEP (default: the current step)
  read [STEP|LESSON]       print a lesson for the terminal (default: the current step's)
  solution STEP [--apply]  show how your files differ from the reference; --apply writes it
  reset STEP               put STEP's files back as they were before it (a backup is kept)
  progress                 how far you are
  bench [STEP|PACKAGE]     time your router or logger against the reference and others
  verify                   check every step and lesson (for authors and CI)
  serve [--addr A]         the book in your browser, with your progress and check buttons
  serve --own              the same, served by the web edition you build in the capstone
  serve --reference        the same, served by the capstone's reference code (checks judge DIR)
  export html DIR          write the book as a static web site into DIR (--force: DIR not empty)
  export book DIR          write the book as data (book.json, HTML fragments) for the capstone
  author                   tools for authors: sync, restack, new (learn author help)
  help                     this text

STEP is a step id such as EXAMPLE, or any unique prefix of one (PREFIX), as in
"learn check PREFIX". LESSON is a lesson's number, such as 3.2.
DIR defaults to ./workspace; it is a Go module of its own, so "cd workspace && go test ./..."
runs the same checks. Progress lives in DIR/.learn/progress.json.
`)
}

// uniquePrefix returns the shortest prefix of s's id that names s alone: its section number
// when no other step shares it ("03.04"), else the section and the first word ("03.03-read").
func uniquePrefix(b *steps.Book, s *steps.Step) string {
	words := strings.Split(s.ID, "-")
	for n := 1; n <= len(words); n++ {
		p := strings.Join(words[:n], "-")
		if n < len(words) {
			p += "-"
		}
		if found, err := b.Find(strings.TrimSuffix(p, "-")); err == nil && found == s {
			return strings.TrimSuffix(p, "-")
		}
	}
	return s.ID
}

// app is one run of the program, with everything it touches injectable for tests.
type app struct {
	book    *steps.Book
	lessons fs.FS
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	color   bool
	dir     string
	goCmd   string
	// tty reports whether stdout is a terminal (the TUI needs one).
	tty bool
	// exe is the learn binary the web edition's check buttons run; "" means os.Executable().
	exe string

	chapterList []chapterInfo // loaded once, by chapters()
}

func main() {
	a := &app{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		tty:    isTerminal(os.Stdout),
	}
	a.color = a.tty && os.Getenv("NO_COLOR") == ""
	os.Exit(a.run(os.Args[1:]))
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// exit codes
const (
	exitOK    = 0
	exitFail  = 1 // a check failed, or verify found problems
	exitUsage = 2 // the command line was wrong, or learn itself could not work
)

func (a *app) run(args []string) int {
	if a.book == nil {
		book, err := steps.Embedded()
		if err != nil {
			fmt.Fprintf(a.stderr, "learn: this build's steps are broken (run go test ./steps to see why):\n%v\n", err)
			return exitUsage
		}
		a.book = book
	}
	if a.lessons == nil {
		a.lessons = chapters.FS()
	}
	global := flag.NewFlagSet("learn", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&a.dir, "dir", "workspace", "the workspace folder")
	noColor := global.Bool("no-color", false, "no colour")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.stdout, a.usage())
			return exitOK
		}
		return a.usageError(err.Error())
	}
	if *noColor {
		a.color = false
	}
	rest := global.Args()
	if len(rest) == 0 {
		return a.tui("")
	}
	cmd, rest := rest[0], rest[1:]
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "list":
		return a.list(rest)
	case "check":
		return a.check(ctx, rest)
	case "watch":
		return a.watch(ctx, rest)
	case "hint":
		return a.hint(rest)
	case "solution":
		return a.solution(ctx, rest)
	case "reset":
		return a.reset(rest)
	case "progress":
		return a.progress(rest)
	case "read":
		return a.read(rest)
	case "verify":
		return a.verify(ctx, rest)
	case "bench":
		return a.bench(ctx, rest)
	case "author":
		return a.author(rest)
	case "serve":
		return a.serve(ctx, rest)
	case "export":
		return a.export(rest)
	case "help", "-h", "--help":
		fmt.Fprint(a.stdout, a.usage())
		return exitOK
	}
	if _, err := a.book.Find(cmd); err == nil {
		// "learn 03.02" opens the TUI at that step.
		return a.tui(cmd)
	}
	return a.usageError(fmt.Sprintf("unknown command %q", cmd))
}

func (a *app) usageError(msg string) int {
	fmt.Fprintf(a.stderr, "learn: %s\nRun 'learn help' for usage.\n", msg)
	return exitUsage
}

func (a *app) fail(err error) int {
	fmt.Fprintf(a.stderr, "learn: %s\n", strings.TrimPrefix(err.Error(), "workbook: "))
	return exitUsage
}

// open opens the workspace and prints any warning (such as a corrupt progress file).
func (a *app) open() (*workbook.Workbook, error) {
	wb, err := a.openQuiet()
	if err != nil {
		return nil, err
	}
	for _, w := range wb.Warnings {
		fmt.Fprintf(a.stderr, "%s %s\n", a.paint(yellow, "warning:"), w)
	}
	return wb, nil
}

// openQuiet opens the workspace and leaves its warnings to the caller (the TUI shows them).
func (a *app) openQuiet() (*workbook.Workbook, error) {
	wb, err := workbook.Open(a.dir, a.book)
	if err != nil {
		return nil, err
	}
	wb.GoCmd = a.goCmd
	return wb, nil
}

func (a *app) tui(stepID string) int {
	if !a.tty {
		fmt.Fprint(a.stderr, "learn: the workbook UI needs a terminal; use a command instead.\n\n")
		fmt.Fprint(a.stderr, a.usage())
		return exitUsage
	}
	wb, err := a.openQuiet()
	if err != nil {
		return a.fail(err)
	}
	if stepID != "" {
		s, err := a.book.Find(stepID)
		if err != nil {
			return a.fail(err)
		}
		stepID = s.ID
	}
	if err := tui.Run(wb, tui.Options{Lessons: a.lessons, NoColor: !a.color, StepID: stepID}); err != nil {
		return a.fail(err)
	}
	return exitOK
}

// parseArgs parses flags that may come before, between or after positional arguments
// ("solution 03.02 --apply" as well as "solution --apply 03.02").
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newFlags returns a flag set for a command that also accepts --dir after the command name.
func (a *app) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("learn "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.dir, "dir", a.dir, "the workspace folder")
	return fs
}

// stepArg resolves the optional STEP argument, defaulting to the current step.
func (a *app) stepArg(wb *workbook.Workbook, pos []string, required bool, cmd string) (*steps.Step, error) {
	switch {
	case len(pos) > 1:
		return nil, fmt.Errorf("%s takes one step, got %s", cmd, strings.Join(pos, " "))
	case len(pos) == 1:
		return a.book.Find(pos[0])
	case required:
		return nil, fmt.Errorf("%s needs a step, like: learn %s %s", cmd, cmd, wb.Current().ID)
	}
	if s := wb.Current(); s != nil {
		return s, nil
	}
	return nil, errors.New("the book has no steps")
}
