package stdio

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// procHeap keeps an allocation alive while CollectProcInfo runs.
var procHeap []byte

func TestCollectProcInfoFields(t *testing.T) {
	t.Chdir(t.TempDir()) // somewhere the answer cannot be guessed

	// A few goroutines that wait, and a live allocation, both of random size,
	// so that neither count can be a number of your own.
	extra := 3 + rand.IntN(8)
	release := make(chan struct{})
	for range extra {
		go func() { <-release }()
	}
	defer close(release)
	heap := (8 + rand.IntN(8)) << 20
	procHeap = make([]byte, heap)
	defer func() { procHeap = nil }()

	info, err := CollectProcInfo()
	if err != nil {
		t.Fatalf("CollectProcInfo() returned the error %v, want nil", err)
	}
	wantCwd, _ := os.Getwd()
	wantExe, _ := os.Executable()
	checks := []struct {
		field     string
		got, want any
		from      string
	}{
		{"PID", info.PID, os.Getpid(), "os.Getpid()"},
		{"PPID", info.PPID, os.Getppid(), "os.Getppid()"},
		{"Cwd", info.Cwd, wantCwd, "os.Getwd()"},
		{"Executable", info.Executable, wantExe, "os.Executable()"},
		{"GoVersion", info.GoVersion, runtime.Version(), "runtime.Version()"},
		{"OS", info.OS, runtime.GOOS, "runtime.GOOS"},
		{"Arch", info.Arch, runtime.GOARCH, "runtime.GOARCH"},
		{"NumCPU", info.NumCPU, runtime.NumCPU(), "runtime.NumCPU()"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("CollectProcInfo().%s = %#v, want %#v (from %s)", c.field, c.got, c.want, c.from)
		}
	}
	if !filepath.IsAbs(info.Cwd) {
		t.Errorf("CollectProcInfo().Cwd = %q, want an absolute path", info.Cwd)
	}
	if info.Goroutines < extra+1 {
		t.Errorf("CollectProcInfo().Goroutines = %d with %d goroutines waiting besides the caller, "+
			"want at least %d (runtime.NumGoroutine())", info.Goroutines, extra, extra+1)
	}
	if info.HeapAlloc < uint64(heap) {
		t.Errorf("CollectProcInfo().HeapAlloc = %d while a %d MiB slice is alive, want at least %d: "+
			"the live heap in bytes (runtime.ReadMemStats(&m), then m.HeapAlloc)", info.HeapAlloc, heap>>20, heap)
	}
}

func TestCollectProcInfoArgsIsACopy(t *testing.T) {
	// A command line nobody could guess, put where os.Args is for the call.
	saved := os.Args
	defer func() { os.Args = saved }()
	args := []string{"/opt/tools/report"}
	for range 1 + rand.IntN(4) {
		args = append(args, fmt.Sprintf("--n=%d", rand.IntN(1000)))
	}
	os.Args = args

	info, err := CollectProcInfo()
	if err != nil {
		t.Fatalf("CollectProcInfo() returned the error %v, want nil", err)
	}
	if !slices.Equal(info.Args, args) {
		t.Fatalf("with os.Args = %q, CollectProcInfo().Args = %q, want the same words", args, info.Args)
	}
	if &info.Args[0] == &os.Args[0] {
		t.Errorf("CollectProcInfo().Args shares its memory with os.Args, want a copy: " +
			"a caller that changes Args[0] would change os.Args too (use slices.Clone)")
	}
}
