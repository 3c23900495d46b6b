//go:build !unix

package learnbench

import "os/exec"

// setProcessGroup leaves cmd as it is: without Unix process groups, cancelling kills the
// command itself.
func setProcessGroup(cmd *exec.Cmd) {}
