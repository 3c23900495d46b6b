package naivestore

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchSyncs are the ways a write can be made durable, measured by
// BenchmarkWrite; bench_linux_test.go adds fdatasync.
var benchSyncs = []struct {
	name string
	sync func(*os.File) error
}{
	{"none", func(*os.File) error { return nil }},
	{"fsync", (*os.File).Sync},
}

// BenchmarkWrite measures what a sync costs on this machine's disk: it
// overwrites the first 4 KiB of a file and syncs it (or not).
func BenchmarkWrite(b *testing.B) {
	buf := make([]byte, 4096)
	for _, s := range benchSyncs {
		b.Run(s.name, func(b *testing.B) {
			f, err := os.Create(filepath.Join(b.TempDir(), "f"))
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			for b.Loop() {
				if _, err := f.WriteAt(buf, 0); err != nil {
					b.Fatal(err)
				}
				if err := s.sync(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSave measures one change to a store of n values of 100 bytes:
// rewritten in place without a sync (step 10.02-save-load's save), and
// by Put (a temporary file, two syncs and a rename).
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{10, 1000} {
		data := make(map[string]string, n)
		for i := range n {
			data[fmt.Sprintf("key-%04d", i)] = fmt.Sprintf("%0100d", i)
		}
		b.Run(fmt.Sprintf("inplace/%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "s.json")
			for b.Loop() {
				if err := saveInPlace(path, data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("put/%d", n), func(b *testing.B) {
			s := &Store{path: filepath.Join(b.TempDir(), "s.json"), data: data}
			for b.Loop() {
				if err := s.Put("key-0000", "x"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
