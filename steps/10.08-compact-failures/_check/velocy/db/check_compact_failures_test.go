package db

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// compactFailCopy copies the files of dir as they are now: what a kill -9
// at this moment leaves (the page cache survives the process).
func compactFailCopy(t *testing.T, dir string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// compactFailReopen opens dir and checks it holds want.
func compactFailReopen(t *testing.T, dir string, want map[string]string, when string) {
	t.Helper()
	db, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("%s: Open = %v", when, err)
	}
	defer db.Close()
	compactCheckHolds(t, db, want, when)
}

func TestCompactFailsAtEachStepAndRecovers(t *testing.T) {
	for _, step := range []string{"written", "synced", "renamed", "remove"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			db, err := Open(dir, Options{NoSync: true, SegmentSize: 2 << 10})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			want := map[string]string{}
			compactCheckWrite(t, db, 500+rand.IntN(200), want) // random ids and documents
			crash := ""
			db.testCompactStep = func(s string) error {
				if s != step || crash != "" {
					return nil
				}
				crash = compactFailCopy(t, dir)
				return errors.New("injected failure")
			}
			if _, err := db.Compact(context.Background()); err == nil {
				t.Fatalf("Compact with a failure at %q = nil error: return the error", step)
			}
			if crash == "" {
				t.Fatalf("Compact never called db.compactStep(%q)", step)
			}
			compactFailReopen(t, crash, want, "a crash at "+step+", reopened")
			compactCheckHolds(t, db, want, "after a failure at "+step)
			compactCheckWrite(t, db, 200, want)
			if _, err := db.Compact(context.Background()); err != nil {
				t.Fatalf("Compact after one that failed at %q = %v: clean up what the failed one left", step, err)
			}
			compactCheckHolds(t, db, want, "after a failure at "+step+" and a Compact that worked")
			var inList []string
			for _, s := range db.segments() {
				inList = append(inList, filepath.Base(s.path))
			}
			onDisk, _ := listSegments(dir)
			if !slices.Equal(onDisk, inList) {
				t.Fatalf("after a failure at %q and a Compact that worked, the directory holds segments %v but the database uses %v: the old files left by the failure must be removed first", step, onDisk, inList)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "*"+compactSuffix)); len(m) > 0 {
				t.Fatalf("after a failure at %q, %v is left behind", step, m)
			}
			db.Close()
			compactFailReopen(t, dir, want, "after a failure at "+step+", reopened")
		})
	}
}

func TestCompactFailsCanceled(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, SegmentSize: 2 << 10})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	want := map[string]string{}
	compactCheckWrite(t, db, 300+rand.IntN(200), want)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.Compact(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Compact(a canceled context) = %v, want an error wrapping context.Canceled", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), compactSuffix) {
			t.Fatalf("a canceled Compact left %s behind", e.Name())
		}
	}
	compactCheckHolds(t, db, want, "after a canceled Compact")
}
