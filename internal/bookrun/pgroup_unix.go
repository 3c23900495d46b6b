//go:build unix && !linux

package bookrun

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a new process group, out of the terminal's foreground group,
// so that Ctrl-C there signals learn alone; learn passes it on once (Run's cmd.Cancel).
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
