//go:build !unix

package checker

import "os/exec"

// setProcessGroup leaves cmd as it is: without Unix process groups, cancelling kills the go
// command itself, and go test's own -timeout stops the test binary.
func setProcessGroup(cmd *exec.Cmd) {}
