package db

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSegmentNames(t *testing.T) {
	for range 100 {
		n := 1 + rand.IntN(99_999_999)
		if got, want := segmentName(n), fmt.Sprintf("%08d.log", n); got != want {
			t.Fatalf("segmentName(%d) = %q, want %q (eight digits, so that names sort like numbers)", n, got, want)
		}
	}
}

func TestListSegments(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for _, n := range rand.Perm(200)[:5+rand.IntN(10)] {
		name := fmt.Sprintf("%08d.log", n+1)
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	slices.Sort(want)
	for _, junk := range []string{"LOCK", "notes.log", "1.log", "00000000.log", "000000012.log", "0000001a.log", "00000003.log.bak"} {
		if err := os.WriteFile(filepath.Join(dir, junk), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "00000999.log"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := listSegments(dir)
	if err != nil {
		t.Fatalf("listSegments = %v", err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("listSegments = %q, want %q: only regular files named by segmentName (number > 0), in order", got, want)
	}
	if _, err := listSegments(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("listSegments(a directory that does not exist) = no error, want the error of reading it")
	}
}

func TestOpenFindsOrCreatesSegments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "db")
	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open(a new directory) = %v", err)
	}
	segs := d.segments()
	d.Close()
	if len(segs) != 1 || segs[0].num != 1 || segs[0].path != filepath.Join(dir, "00000001.log") {
		t.Fatalf("Open(a new directory) has %d segments, want one, number 1, at %s: create it with addSegment(1)", len(segs), filepath.Join(dir, "00000001.log"))
	}
	if _, err := os.Stat(filepath.Join(dir, "00000001.log")); err != nil {
		t.Fatalf("after Open(a new directory): %v, want 00000001.log created", err)
	}

	dir = t.TempDir()
	var nums []int
	for _, n := range rand.Perm(50)[:2+rand.IntN(5)] {
		nums = append(nums, n+1)
		if err := os.WriteFile(filepath.Join(dir, segmentName(n+1)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(nums)
	d, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open(a directory with segments %v) = %v", nums, err)
	}
	defer d.Close()
	var got []int
	for _, s := range d.segments() {
		got = append(got, s.num)
		if s.f == nil || s.path != filepath.Join(dir, segmentName(s.num)) {
			t.Fatalf("segment %d: path %q, file %v: want its path and the open file", s.num, s.path, s.f)
		}
	}
	if !slices.Equal(got, nums) {
		t.Fatalf("Open(a directory with segments %v) found segments %v, want them all, in order", nums, got)
	}
	if r := d.Recovery(); r.Segments != len(nums) {
		t.Fatalf("Recovery().Segments = %d, want %d", r.Segments, len(nums))
	}
}
