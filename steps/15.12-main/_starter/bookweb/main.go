package bookweb

import "io"

// Main is the program, for a main package to call as os.Exit(bookweb.Main(os.Args[1:],
// os.Stdout, os.Stderr)):
//
//	bookweb -book DIR -data DIR [-addr HOST:PORT] [LEARN-COMMAND...]
//
// The words after the flags are the check command without the step, such as
// learn --dir workspace check. Main serves until SIGINT or SIGTERM and returns the exit status:
// 0 after a clean shutdown, 1 when Run fails, 2 for a command line it cannot use.
func Main(args []string, stdout, stderr io.Writer) int {
	// TODO(15.12): flags -book, -data (required) and -addr; the rest is the check command;
	// velocy.SignalContext; Run, with the address on stdout once it listens; exit 0, 1 or 2.
	io.WriteString(stderr, "bookweb: Main is not written yet (step 15.12-main)\n")
	return 1
}
