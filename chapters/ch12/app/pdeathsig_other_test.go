//go:build !linux

package main

import "os/exec"

// dieWithParent does nothing here: only Linux has a parent-death signal.
// prometheus-test.sh kills the test's process group on exit instead.
func dieWithParent(cmd *exec.Cmd) {}
