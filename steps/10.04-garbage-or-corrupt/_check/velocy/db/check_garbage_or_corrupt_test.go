package db

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// garbageLog writes a segment of n puts followed by tail into a new
// directory and returns the directory, the segment's path and the offset
// of every record plus the end of the last.
func garbageLog(t *testing.T, n int, edit func(data []byte, offs []int) []byte) (string, string, []int) {
	t.Helper()
	var data []byte
	var offs []int
	for i := range n {
		offs = append(offs, len(data))
		data = appendRecord(data, kindPut, fmt.Sprintf("k%d", i), fmt.Appendf(nil, `{"i":%d,"r":%d}`, i, rand.Uint32()))
	}
	offs = append(offs, len(data))
	data = edit(data, offs)
	dir := t.TempDir()
	path := filepath.Join(dir, segmentName(1))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path, offs
}

// garbageOpen opens dir and returns what recovery reports and how many
// ids the index holds.
func garbageOpen(t *testing.T, dir, what string) (Recovery, int) {
	t.Helper()
	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open(%s) = %v, want no error: nothing valid follows the bad bytes, so they are a torn write; cut them off", what, err)
	}
	defer d.Close()
	ids := 0
	for i := range d.shards {
		ids += len(d.shards[i].m)
	}
	return d.Recovery(), ids
}

func TestGarbageTailIsTorn(t *testing.T) {
	n := 2 + rand.IntN(6)
	zeros := 1 + rand.IntN(200)
	dir, _, _ := garbageLog(t, n, func(data []byte, _ []int) []byte {
		return append(data, make([]byte, zeros)...)
	})
	what := fmt.Sprintf("%d valid records, then %d zero bytes", n, zeros)
	if rec, ids := garbageOpen(t, dir, what); rec.Truncated != int64(zeros) || ids != n {
		t.Fatalf("Open(%s): Recovery() = %+v with %d ids, want %d bytes cut and %d ids", what, rec, ids, zeros, n)
	}

	for range 20 {
		var last int
		dir, _, offs := garbageLog(t, n, func(data []byte, offs []int) []byte {
			last = offs[n-1]
			bit := last*8 + rand.IntN((len(data)-last)*8)
			data[bit/8] ^= 1 << (bit % 8)
			return data
		})
		what := fmt.Sprintf("%d records, a bit flipped in the last", n)
		if rec, ids := garbageOpen(t, dir, what); rec.Truncated != int64(offs[n]-last) || ids != n-1 {
			t.Fatalf("Open(%s): Recovery() = %+v with %d ids, want %d bytes cut and %d ids", what, rec, ids, offs[n]-last, n-1)
		}
	}
}

func TestDamagedLengthInMiddleIsReported(t *testing.T) {
	n := 3 + rand.IntN(6)
	k := rand.IntN(n - 1) // valid records follow record k
	dir, path, offs := garbageLog(t, n, func(data []byte, offs []int) []byte {
		// A length that reaches past the end of the file, as a torn
		// record's would: only what follows tells them apart.
		binary.LittleEndian.PutUint32(data[offs[k]+4:], uint32(len(data)+rand.IntN(1000)))
		return data
	})
	d, err := Open(dir, Options{})
	if err == nil {
		d.Close()
		t.Fatalf("Open(record %d of %d claims to reach past the end of the file, valid records follow it) = no error, want a *CorruptError: a torn write is the last thing in a log, and this one has valid records after it", k, n)
	}
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Segment != path || ce.Offset != int64(offs[k]) {
		t.Fatalf("Open(record %d damaged, valid records after it) = %v, want a *CorruptError for %s at offset %d", k, err, path, offs[k])
	}
}

func TestValidRecordAfter(t *testing.T) {
	a := appendRecord(nil, kindPut, "a", []byte(`1`))
	b := appendRecord(nil, kindPut, "b", []byte(`2`))
	junk := make([]byte, 1+rand.IntN(30))
	data := append(append(append([]byte{}, a...), junk...), b...)
	if !validRecordAfter(data, 0) {
		t.Fatalf("validRecordAfter(a record, %d junk bytes, a record; 0) = false, want true: look for a valid record at every offset after 0", len(junk))
	}
	if validRecordAfter(data, len(a)+len(junk)) {
		t.Fatal("validRecordAfter(..., offset of the last record) = true, want false: only records that start after off count")
	}
}
