package main

import (
	"os/exec"
	"syscall"
)

// dieWithParent asks Linux to kill cmd if the test process dies first (a
// test binary killed by go test's -timeout runs no cleanup).
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
