package stdio

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
	// TODO(02.03): fill every field from the os and runtime packages
	// (os.Getpid, os.Getwd, os.Executable, runtime.Version, runtime.GOOS,
	// runtime.ReadMemStats, ...). Copy os.Args with slices.Clone. Return
	// the errors of os.Getwd and os.Executable, wrapped with %w.
	return ProcInfo{}, nil
}
