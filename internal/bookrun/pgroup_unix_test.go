//go:build unix

package bookrun

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestRunOwnProcessGroup: the program is out of learn's process group, so Ctrl-C in a terminal
// (which signals the whole foreground group) reaches it only as the one interrupt Run sends.
func TestRunOwnProcessGroup(t *testing.T) {
	bin := fakeProgramOf(t, `package bookweb

import (
	"fmt"
	"io"
	"syscall"
)

func Main(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, syscall.Getpgrp())
	return 0
}
`)
	var out strings.Builder
	if err := Run(t.Context(), RunOptions{Bin: bin, Book: "B", Data: "D", Stdout: &out}); err != nil {
		t.Fatal(err)
	}
	pgrp, err := strconv.Atoi(strings.TrimSpace(out.String()))
	if err != nil {
		t.Fatalf("the program printed %q", out.String())
	}
	if pgrp == syscall.Getpgrp() {
		t.Errorf("the program runs in learn's process group (%d)", pgrp)
	}
}
