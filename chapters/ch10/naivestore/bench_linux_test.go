package naivestore

import (
	"os"
	"syscall"
)

func init() {
	benchSyncs = append(benchSyncs, struct {
		name string
		sync func(*os.File) error
	}{"fdatasync", func(f *os.File) error { return syscall.Fdatasync(int(f.Fd())) }})
}
