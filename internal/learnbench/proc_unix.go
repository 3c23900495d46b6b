//go:build unix

package learnbench

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts cmd in a process group of its own and makes cancelling it kill the
// whole group: the go command and the compiler, or the benchmark program.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
