package db

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// getLog writes random puts and deletes into a segment of a new directory
// and returns it with what each id must hold (nil: deleted) and where
// each id's latest put starts.
func getLog(t *testing.T) (string, map[string][]byte, map[string]int) {
	t.Helper()
	want := map[string][]byte{}
	at := map[string]int{}
	var data []byte
	for range 50 + rand.IntN(50) {
		id := fmt.Sprintf("item/%d", rand.IntN(30))
		if rand.IntN(5) == 0 {
			data = appendRecord(data, kindDelete, id, nil)
			want[id] = nil
			continue
		}
		doc := fmt.Appendf(nil, `{"id":%q,"price":%d}`, id, rand.IntN(1e6))
		at[id] = len(data)
		data = appendRecord(data, kindPut, id, doc)
		want[id] = doc
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, segmentName(1)), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, want, at
}

// getBothWays runs f with segments mapped into memory, where the platform
// can, and with every read a ReadAt.
func getBothWays(t *testing.T, f func(t *testing.T, how string)) {
	saved := useMmap
	defer func() { useMmap = saved }()
	useMmap = saved
	f(t, "")
	useMmap = false
	f(t, " (with ReadAt, no mapping)")
}

func TestGetReadsLatest(t *testing.T) {
	getBothWays(t, func(t *testing.T, how string) {
		dir, want, _ := getLog(t)
		d, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("Open = %v", err)
		}
		defer d.Close()
		for id, doc := range want {
			got, err := d.Get(id)
			if doc == nil {
				if !errors.Is(err, ErrNotFound) {
					t.Fatalf("Get(%q)%s = %s, %v after a delete, want ErrNotFound", id, how, got, err)
				}
				continue
			}
			if err != nil || !bytes.Equal(got, doc) {
				t.Fatalf("Get(%q)%s = %s, %v, want %s", id, how, got, err, doc)
			}
		}
		if got, err := d.Get("never-written"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get(an id never written)%s = %s, %v, want ErrNotFound", how, got, err)
		}
	})
}

func TestAppendGetAppendsWithoutAllocating(t *testing.T) {
	getBothWays(t, func(t *testing.T, how string) {
		dir, want, _ := getLog(t)
		d, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("Open = %v", err)
		}
		defer d.Close()
		var id string
		for id = range want {
			if want[id] != nil {
				break
			}
		}
		if want[id] == nil {
			return
		}
		prefix := fmt.Appendf(nil, "prefix %d:", rand.IntN(1000))
		got, err := d.AppendGet(bytes.Clone(prefix), id)
		if err != nil || !bytes.Equal(got, append(bytes.Clone(prefix), want[id]...)) {
			t.Fatalf("AppendGet(%q, %q)%s = %q, %v, want %q: append the document after what dst holds", prefix, id, how, got, err, append(bytes.Clone(prefix), want[id]...))
		}
		buf := make([]byte, 0, 4096)
		allocs := testing.AllocsPerRun(100, func() {
			buf, _ = d.AppendGet(buf[:0], id)
		})
		if allocs != 0 {
			t.Fatalf("AppendGet(a buffer with room, %q)%s allocates %.0f times per call, want 0: look up with the string as it is, read into dst's spare capacity", id, how, allocs)
		}
	})
}

func TestGetChecksTheRecord(t *testing.T) {
	getBothWays(t, func(t *testing.T, how string) {
		dir, want, at := getLog(t)
		d, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("Open = %v", err)
		}
		defer d.Close()
		for id, doc := range want {
			if doc == nil {
				continue
			}
			// Damage the stored document behind the database's back.
			f, err := os.OpenFile(filepath.Join(dir, segmentName(1)), os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			pos := int64(at[id] + headerSize + len(id) + rand.IntN(len(doc)))
			if _, err := f.WriteAt([]byte{'#'}, pos); err != nil {
				t.Fatal(err)
			}
			f.Close()
			got, err := d.Get(id)
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.Offset != int64(at[id]) {
				t.Fatalf("Get(%q)%s after its stored document was damaged = %q, %v, want a *CorruptError at offset %d: check the record's CRC on every read", id, how, got, err, at[id])
			}
			return
		}
	})
}
