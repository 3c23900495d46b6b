package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
)

func TestFailedSyncRefusesWrites(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	before := map[string]string{}
	for i := range 3 + rand.IntN(5) {
		id, doc := fmt.Sprint("safe", i), fmt.Sprintf(`{"r":%d}`, rand.IntN(1e6))
		if err := d.Put(id, []byte(doc)); err != nil {
			t.Fatalf("Put(%q) = %v", id, err)
		}
		before[id] = doc
	}
	errDisk := fmt.Errorf("input/output error %d", rand.IntN(1000))
	d.testSync = func(*os.File) error { return errDisk }
	err = d.Put("lost", []byte(`1`))
	if !errors.Is(err, errDisk) {
		t.Fatalf("Put with a failing sync = %v, want an error wrapping the sync's (%v)", err, errDisk)
	}
	if _, err := d.Get("lost"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(\"lost\") after its sync failed = %v, want ErrNotFound: a write that failed is not published", err)
	}
	d.testSync = nil // the disk seems fine again: it must not matter
	for _, w := range []struct {
		what string
		do   func() error
	}{
		{"Put", func() error { return d.Put("later", []byte(`2`)) }},
		{"Delete", func() error { return d.Delete("safe0") }},
	} {
		if err := w.do(); !errors.Is(err, errDisk) {
			t.Fatalf("%s after a failed sync = %v, want an error wrapping the failure (%v): the kernel may have dropped the pages it could not write, so refuse every write until the database is reopened", w.what, err, errDisk)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatalf("Close after a failed sync = %v", err)
	}
	d, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("reopen after a failed sync = %v", err)
	}
	defer d.Close()
	for id, doc := range before {
		if got, err := d.Get(id); err != nil || string(got) != doc {
			t.Fatalf("after reopening, Get(%q) = %s, %v, want %s", id, got, err, doc)
		}
	}
	if err := d.Put("later", []byte(`3`)); err != nil {
		t.Fatalf("Put after reopening = %v, want it accepted again", err)
	}
}
