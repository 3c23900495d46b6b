//go:build linux

package naivestore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A full disk, made honestly: RLIMIT_FSIZE caps the size of the files a
// process writes, and the kernel then writes what fits and fails the
// write with EFBIG, as a full disk writes what fits and fails with
// ENOSPC. The limit is the whole process's, so each save runs in a child
// process (this test binary again, -test.run=TestFullDiskChild), with
// SIGXFSZ ignored so that the signal does not kill it.

const (
	fullDiskFileEnv = "NAIVESTORE_FULLDISK_FILE"
	fullDiskModeEnv = "NAIVESTORE_FULLDISK_MODE" // "inplace" or "store"
)

// TestFullDiskChild is the child's side: it finds the store's file as the
// parent wrote it, limits the size of files to that plus 100 bytes, and
// saves the store with one more key of 1000 bytes. It prints "saved" or
// "failed: " and the save's error.
func TestFullDiskChild(t *testing.T) {
	path := os.Getenv(fullDiskFileEnv)
	if path == "" {
		t.Skip("run by TestFullDisk in a child process")
	}
	signal.Ignore(syscall.SIGXFSZ)
	info, err := os.Stat(path)
	if err != nil {
		fmt.Printf("err %v\n", err)
		os.Exit(1)
	}
	data := crashPad()
	s, err := Open(path)
	if err != nil {
		fmt.Printf("err %v\n", err)
		os.Exit(1)
	}
	var limit syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		fmt.Printf("err getrlimit: %v\n", err)
		os.Exit(1)
	}
	limit.Cur = uint64(info.Size()) + 100
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		fmt.Printf("err setrlimit: %v\n", err)
		os.Exit(1)
	}
	big := strings.Repeat("b", 1000)
	if os.Getenv(fullDiskModeEnv) == "inplace" {
		data["big"] = big
		err = saveInPlace(path, data)
	} else {
		err = s.Put("big", big)
		if _, ok := s.Get("big"); err != nil && ok {
			fmt.Println("err Put failed and Get still finds the value")
			os.Exit(1)
		}
	}
	if err != nil {
		fmt.Printf("failed: %v\n", err)
	} else {
		fmt.Println("saved")
	}
}

// fullDiskRun writes a store of crashPad's keys to a new file, runs the
// child in mode, and returns what it printed and the file's bytes before
// and after.
func fullDiskRun(t *testing.T, mode string) (out string, before, after []byte) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "store.json")
	if err := saveInPlace(path, crashPad()); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFullDiskChild$")
	cmd.Env = append(os.Environ(), fullDiskFileEnv+"="+path, fullDiskModeEnv+"="+mode)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	out = strings.SplitN(stdout.String(), "\n", 2)[0]
	if strings.HasPrefix(out, "err ") {
		t.Fatalf("child: %s\n%s", out, stderr.String())
	}
	if tmps, _ := filepath.Glob(path + ".tmp-*"); len(tmps) > 0 {
		t.Errorf("%s: a failed save left %s behind", mode, tmps[0])
	}
	after, err = os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return out, before, after
}

// TestFullDisk runs one save that does not fit, both ways. The in-place
// save truncates the file and then writes only what fits: the old store
// is gone and the new one is cut short. Put writes a temporary file that
// fails instead, and the old file stays as it was.
func TestFullDisk(t *testing.T) {
	out, before, after := fullDiskRun(t, "inplace")
	if !strings.HasPrefix(out, "failed: ") || !strings.Contains(out, "file too large") {
		t.Fatalf("inplace: the child says %q, want the save failed with EFBIG (file too large)", out)
	}
	if json.Valid(after) {
		t.Fatalf("inplace: after the failed save the file is valid JSON (%d bytes): want it cut short", len(after))
	}
	t.Logf("inplace: %s; the file was %d bytes of JSON, is now %d bytes cut short", out, len(before), len(after))

	out, before, after = fullDiskRun(t, "store")
	if !strings.HasPrefix(out, "failed: ") || !strings.Contains(out, "file too large") {
		t.Fatalf("store: the child says %q, want Put to fail with EFBIG (file too large)", out)
	}
	if !bytes.Equal(before, after) {
		t.Fatalf("store: a failed Put changed the file (%d bytes, now %d)", len(before), len(after))
	}
	t.Logf("store: %s; the file is unchanged (%d bytes)", out, len(after))
}
