package db

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// writeRecords fills a new database with n documents and returns its
// directory (closed) and the offset where each record starts, plus the
// end of the last one.
func writeRecords(t *testing.T, n int) (dir string, offsets []int64) {
	t.Helper()
	dir = t.TempDir()
	db, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	var off int64
	for i := range n {
		doc := fmt.Sprintf(`{"i":%d,"name":"document %d"}`, i, i)
		mustPut(t, db, fmt.Sprint("id", i), doc)
		offsets = append(offsets, off)
		off += int64(recordLen(fmt.Sprint("id", i), []byte(doc)))
	}
	offsets = append(offsets, off)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, offsets
}

// TestTornTailAtEveryOffset cuts the log at every byte of its last record,
// as a crash in the middle of a write does: Open must cut the partial
// record off, report it, and keep every record before it.
func TestTornTailAtEveryOffset(t *testing.T) {
	const n = 5
	src, offsets := writeRecords(t, n)
	lastStart, end := offsets[n-1], offsets[n]
	for cut := lastStart; cut < end; cut++ {
		dir := copyDir(t, src)
		seg := segmentPaths(t, dir)[0]
		if err := os.Truncate(seg, cut); err != nil {
			t.Fatal(err)
		}
		db, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("cut at %d: Open = %v", cut, err)
		}
		rec := db.Recovery()
		if rec.Truncated != cut-lastStart || (cut > lastStart && rec.Segment != seg) {
			t.Errorf("cut at %d: Recovery() = %+v, want %d bytes cut from %s", cut, rec, cut-lastStart, seg)
		}
		if db.Len() != n-1 {
			t.Errorf("cut at %d: Len() = %d, want %d", cut, db.Len(), n-1)
		}
		for i := range n - 1 {
			wantDoc(t, db, fmt.Sprint("id", i), fmt.Sprintf(`{"i":%d,"name":"document %d"}`, i, i))
		}
		// The log goes on after the cut: a new record lands where the
		// torn one was and survives a reopen.
		mustPut(t, db, "after", `true`)
		db.Close()
		db = openT(t, dir, Options{})
		wantDoc(t, db, "after", `true`)
		if rec := db.Recovery(); rec.Truncated != 0 || rec.Records != n {
			t.Errorf("cut at %d, second open: Recovery() = %+v, want %d records, nothing cut", cut, rec, n)
		}
		db.Close()
	}
}

// TestGarbageTailIsCut covers a tail that is not a prefix of a record:
// zeros (a file extended by the file system but never written) and a
// last record whose bits are damaged.
func TestGarbageTailIsCut(t *testing.T) {
	const n = 3
	src, offsets := writeRecords(t, n)
	for name, damage := range map[string]func(data []byte) []byte{
		"zeros":        func(data []byte) []byte { return append(data, make([]byte, 100)...) },
		"flipped last": func(data []byte) []byte { data[offsets[n-1]+headerSize] ^= 0x40; return data },
	} {
		dir := copyDir(t, src)
		seg := segmentPaths(t, dir)[0]
		data, _ := os.ReadFile(seg)
		size := int64(len(data))
		data = damage(data)
		os.WriteFile(seg, data, 0o644)
		db := openT(t, dir, Options{})
		want := n
		if name == "flipped last" {
			want = n - 1
		}
		if db.Len() != want || db.Recovery().Truncated != int64(len(data))-offsets[want] {
			t.Errorf("%s: Len() = %d, Recovery() = %+v; want %d documents and the bytes from %d cut (file was %d)", name, db.Len(), db.Recovery(), want, offsets[want], size)
		}
		db.Close()
	}
}

// TestBitFlipInMiddleIsReported flips one bit in each byte of a record
// that has valid records after it: Open must refuse with a *CorruptError
// that names the segment and the record's offset, never skip it.
func TestBitFlipInMiddleIsReported(t *testing.T) {
	const n = 5
	src, offsets := writeRecords(t, n)
	mid, midEnd := offsets[2], offsets[3]
	seg := segmentPaths(t, src)[0]
	orig, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, filepath.Base(seg))
	for i := mid; i < midEnd; i++ {
		data := append([]byte(nil), orig...)
		data[i] ^= 1 << (i % 8)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err := Open(dir, Options{})
		var ce *CorruptError
		if !errors.As(err, &ce) {
			if db != nil {
				db.Close()
			}
			t.Fatalf("bit flipped at byte %d: Open = %v, want a *CorruptError", i, err)
		}
		if ce.Segment != path || ce.Offset != mid {
			t.Errorf("bit flipped at byte %d: %v, want segment %s offset %d", i, err, path, mid)
		}
	}
}

// TestDamageInOlderSegmentIsReported: only the last segment can have a
// torn tail (a segment is closed only after a durable write), so a bad
// tail in an older one is corruption.
func TestDamageInOlderSegmentIsReported(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{SegmentSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		mustPut(t, db, fmt.Sprint("k", i), `{"pad":"0123456789012345678901234567890"}`)
	}
	db.Close()
	segs := segmentPaths(t, dir)
	if len(segs) < 2 {
		t.Fatalf("%d segments, want several", len(segs))
	}
	info, _ := os.Stat(segs[0])
	os.Truncate(segs[0], info.Size()-1)
	_, err = Open(dir, Options{})
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Segment != segs[0] || ce.Offset != 0 {
		t.Fatalf("Open with the first segment cut short = %v, want a *CorruptError at %s offset 0", err, segs[0])
	}
}
