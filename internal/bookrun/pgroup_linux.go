package bookrun

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a new process group, out of the terminal's foreground group,
// so that Ctrl-C there signals learn alone; learn passes it on once (Run's cmd.Cancel). Out of
// that group the program no longer hears the hangup of a closed terminal either, so it is told
// to shut down (SIGTERM) when learn dies.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
