package stdio

import (
	"fmt"
	"os"
	"runtime"
	"slices"
)

// ProcInfo is what a running Go program can find out about itself.
type ProcInfo struct {
	PID        int      // this process's id
	PPID       int      // the id of the process that started it (a shell, go run, a test runner)
	Args       []string // the command line, program name first: a copy of os.Args
	Cwd        string   // the working directory, absolute
	Executable string   // the path of the running binary
	GoVersion  string   // the Go release the binary was built with, e.g. "go1.25.0"
	OS, Arch   string   // the target it was built for, e.g. "linux" and "amd64"
	NumCPU     int      // logical CPUs the process may use
	Goroutines int      // goroutines alive right now
	HeapAlloc  uint64   // bytes of live heap objects
}

// CollectProcInfo gathers a ProcInfo for the calling process. It fails only
// when the operating system cannot say where the process is: the working
// directory was removed, or the binary's path is unknown.
//
// Args is a copy, so changing it does not change os.Args. Reading the heap
// size briefly stops every goroutine (runtime.ReadMemStats), so do not call
// it in a hot loop.
func CollectProcInfo() (ProcInfo, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return ProcInfo{}, fmt.Errorf("stdio: working directory: %w", err)
	}
	exe, err := os.Executable()
	if err != nil {
		return ProcInfo{}, fmt.Errorf("stdio: executable: %w", err)
	}
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	return ProcInfo{
		PID:        os.Getpid(),
		PPID:       os.Getppid(),
		Args:       slices.Clone(os.Args),
		Cwd:        cwd,
		Executable: exe,
		GoVersion:  runtime.Version(),
		OS:         runtime.GOOS,
		Arch:       runtime.GOARCH,
		NumCPU:     runtime.NumCPU(),
		Goroutines: runtime.NumGoroutine(),
		HeapAlloc:  mem.HeapAlloc,
	}, nil
}
