//go:build linux

package db

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// A full disk, made honestly: RLIMIT_FSIZE caps the size of the files a
// process writes, and the kernel then writes what fits and fails the
// write with EFBIG, exactly as a full disk writes what fits and fails with
// ENOSPC. The limit is the whole process's, so the test runs in a child
// process (this binary again, with -test.run=TestFullDiskChild), with
// SIGXFSZ ignored so that the signal does not kill it.

const fullDiskEnv = "VELOCY_DB_FULLDISK_DIR"

// TestFullDiskChild is the child's side; it does nothing unless
// TestFullDisk started it. It prints "ack ID" for every acknowledged
// write, "fail ID" for every refused one, and "err ..." if something is
// wrong.
func TestFullDiskChild(t *testing.T) {
	dir := os.Getenv(fullDiskEnv)
	if dir == "" {
		t.Skip("run by TestFullDisk in a child process")
	}
	signal.Ignore(syscall.SIGXFSZ)
	die := func(format string, args ...any) {
		fmt.Printf("err "+format+"\n", args...)
		os.Exit(1)
	}
	db, err := Open(dir, Options{})
	if err != nil {
		die("open: %v", err)
	}
	put := func(id string) error {
		err := db.Put(id, fmt.Appendf(nil, `{"id":%q,"pad":%q}`, id, strings.Repeat("x", 200)))
		if err == nil {
			fmt.Printf("ack %s\n", id)
		} else {
			fmt.Printf("fail %s\n", id)
		}
		return err
	}
	for i := range 5 {
		if err := put(fmt.Sprint("before", i)); err != nil {
			die("put before the limit: %v", err)
		}
	}
	seg := db.segments()[len(db.segments())-1]
	info, err := os.Stat(seg.path)
	if err != nil {
		die("%v", err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		die("getrlimit: %v", err)
	}
	full := old
	full.Cur = uint64(info.Size()) + 100 // room for part of one record
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &full); err != nil {
		die("setrlimit: %v", err)
	}
	// One writer alone, then four at once (one batch or several): every
	// write fails, none is acknowledged, and the file is cut back.
	if err := put("alone"); !errors.Is(err, syscall.EFBIG) {
		die("Put on a full disk = %v, want an error wrapping EFBIG", err)
	} else if !strings.Contains(err.Error(), seg.path) {
		die("Put on a full disk = %v, want the segment named", err)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() { put(fmt.Sprint("crowd", i)) })
	}
	wg.Wait()
	if after, err := os.Stat(seg.path); err != nil || after.Size() != info.Size() {
		die("segment is %v bytes after the failed writes (%v), want %d: the partial write must be cut off", after.Size(), err, info.Size())
	}
	if _, err := db.Get("alone"); err != ErrNotFound {
		die("Get of the refused write = %v, want ErrNotFound", err)
	}
	// The disk has room again: the database goes on.
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		die("setrlimit: %v", err)
	}
	if err := put("after"); err != nil {
		die("Put once the disk has room = %v", err)
	}
	os.Exit(0) // no Close: the parent opens what a crash would leave
}

func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFullDiskChild$")
	cmd.Env = append(os.Environ(), fullDiskEnv+"="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	acked, failed := map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		kind, id, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "ack":
			acked[id] = true
		case "fail":
			failed[id] = true
		case "err":
			t.Fatalf("child: %s\n%s", sc.Text(), stderr.String())
		}
	}
	if runErr != nil {
		t.Fatalf("child: %v\n%s%s", runErr, stdout.String(), stderr.String())
	}
	if len(acked) != 6 || len(failed) != 5 {
		t.Fatalf("child acknowledged %v and refused %v, want 6 and 5", acked, failed)
	}
	db := openT(t, dir, Options{})
	if rec := db.Recovery(); rec.Truncated != 0 {
		t.Errorf("Recovery() = %+v, want nothing to cut (the failed writes were cut at once)", rec)
	}
	for id := range acked {
		if _, err := db.Get(id); err != nil {
			t.Errorf("acknowledged %s: Get = %v", id, err)
		}
	}
	for id := range failed {
		if _, err := db.Get(id); err != ErrNotFound {
			t.Errorf("refused %s: Get = %v, want ErrNotFound", id, err)
		}
	}
}
