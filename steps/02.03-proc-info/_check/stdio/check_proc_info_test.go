package stdio

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

func TestCollectProcInfoFields(t *testing.T) {
	t.Chdir(t.TempDir()) // somewhere the answer cannot be guessed
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
	if info.Goroutines < 1 {
		t.Errorf("CollectProcInfo().Goroutines = %d, want at least 1 (runtime.NumGoroutine(): "+
			"the goroutine calling it is one)", info.Goroutines)
	}
	if info.HeapAlloc == 0 {
		t.Errorf("CollectProcInfo().HeapAlloc = 0, want the live heap in bytes " +
			"(runtime.ReadMemStats(&m), then m.HeapAlloc)")
	}
}

func TestCollectProcInfoArgsIsACopy(t *testing.T) {
	info, err := CollectProcInfo()
	if err != nil {
		t.Fatalf("CollectProcInfo() returned the error %v, want nil", err)
	}
	if !slices.Equal(info.Args, os.Args) {
		t.Fatalf("CollectProcInfo().Args = %q, want os.Args, %q", info.Args, os.Args)
	}
	if &info.Args[0] == &os.Args[0] {
		t.Errorf("CollectProcInfo().Args shares its memory with os.Args, want a copy: " +
			"a caller that changes Args[0] would change os.Args too (use slices.Clone)")
	}
}
