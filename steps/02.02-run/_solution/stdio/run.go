package stdio

import (
	"fmt"
	"io"
	"path/filepath"
)

// Exit codes returned by Run, following the Unix habit.
const (
	ExitOK    = 0 // everything worked
	ExitError = 1 // something failed while working, such as a write
	ExitUsage = 2 // the command line made no sense
)

// Run is the whole greet command with its inputs and outputs passed in, so
// that a test can call it. args is the command line with the program's name
// first, as in os.Args. Run greets each name on stdout, one line per name, and
// returns the exit code for main to pass to os.Exit.
//
// Without any name it prints a usage line to stderr and returns ExitUsage.
// With -h or --help as the first argument it prints the usage line to stdout
// and returns ExitOK: help that was asked for is output, not an error. If
// writing a greeting fails, it reports the error on stderr and returns
// ExitError.
func Run(args []string, stdout, stderr io.Writer) int {
	prog := "greet"
	if len(args) > 0 && args[0] != "" {
		prog = filepath.Base(args[0])
	}
	usage := fmt.Sprintf("usage: %s NAME...\n", prog)

	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	if args[1] == "-h" || args[1] == "--help" {
		if _, err := fmt.Fprint(stdout, usage); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", prog, err)
			return ExitError
		}
		return ExitOK
	}
	for _, name := range args[1:] {
		if err := Greet(stdout, name); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", prog, err)
			return ExitError
		}
	}
	return ExitOK
}
