package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func TestFailedWriteIsCutOff(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	defer d.Close()
	for i := range 2 + rand.IntN(4) {
		if err := d.Put(fmt.Sprint("kept", i), []byte(`{"ok":true}`)); err != nil {
			t.Fatalf("Put = %v", err)
		}
	}
	path := d.segments()[len(d.segments())-1].path
	size := func() int64 {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	before := size()
	big := fmt.Appendf(nil, `{"pad":%q}`, strings.Repeat("x", 2000+rand.IntN(2000)))
	limit := before + 100 + rand.Int64N(1000) // room for part of the record
	err = failedSyncFileLimit(t, limit, func() error { return d.Put("big", big) })
	if err == nil {
		t.Fatalf("Put of a %d-byte document with %d bytes left on the disk = no error, want the write's error", len(big), limit-before)
	}
	if got := size(); got != before {
		t.Fatalf("after a Put whose write failed halfway (a full disk), the segment has %d bytes, want %d: cut the partial record off again (Truncate to where the batch began, then sync), so that a write its writer was told failed cannot come back", got, before)
	}
	if _, err := d.Get("big"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(\"big\") after its write failed = %v, want ErrNotFound", err)
	}
	if err := d.Put("after", []byte(`1`)); err != nil {
		t.Fatalf("Put after a failed write (not a failed sync) = %v, want it accepted: the failed write was taken back, and nothing was promised", err)
	}
	if err := d.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	d, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("reopen after a failed write = %v", err)
	}
	defer d.Close()
	if rec := d.Recovery(); rec.Truncated != 0 {
		t.Fatalf("reopen after a failed write: Recovery() = %+v, want nothing to cut", rec)
	}
	if got, err := d.Get("after"); err != nil || string(got) != "1" {
		t.Fatalf("after reopening, Get(\"after\") = %s, %v, want 1", got, err)
	}
}
