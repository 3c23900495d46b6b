package db

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestPutGetDelete(t *testing.T) {
	db := openT(t, t.TempDir(), Options{})
	mustPut(t, db, "a", `{"n":1}`)
	mustPut(t, db, "b", `{"n":2}`)
	mustPut(t, db, "a", `{"n":3}`)
	wantDoc(t, db, "a", `{"n":3}`)
	wantDoc(t, db, "b", `{"n":2}`)
	if err := db.Delete("b"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Get("b"); err != ErrNotFound {
		t.Errorf("Get of a deleted id = %v, want ErrNotFound", err)
	}
	if err := db.Delete("never"); err != nil {
		t.Errorf("Delete of an absent id = %v, want nil", err)
	}
	if n := db.Len(); n != 1 {
		t.Errorf("Len() = %d, want 1", n)
	}
}

func TestAppendGetAppends(t *testing.T) {
	db := openT(t, t.TempDir(), Options{})
	mustPut(t, db, "a", `"hello"`)
	buf, err := db.AppendGet([]byte("x:"), "a")
	if err != nil || string(buf) != `x:"hello"` {
		t.Errorf("AppendGet = %q, %v, want %q", buf, err, `x:"hello"`)
	}
	buf, err = db.AppendGet([]byte("x:"), "missing")
	if err != ErrNotFound || string(buf) != "x:" {
		t.Errorf("AppendGet of a missing id = %q, %v, want dst unchanged and ErrNotFound", buf, err)
	}
}

func TestPutRejectsBadInput(t *testing.T) {
	db := openT(t, t.TempDir(), Options{})
	for _, c := range []struct {
		id, doc, want string
	}{
		{"", `{}`, "empty id"},
		{strings.Repeat("x", MaxIDLen+1), `{}`, "longer than MaxIDLen"},
		{"a", `{"unterminated`, "not valid JSON"},
		{"a", ``, "not valid JSON"},
	} {
		err := db.Put(c.id, []byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Put(%.10q, %q) = %v, want an error saying %q", c.id, c.doc, err, c.want)
		}
	}
	if db.Len() != 0 {
		t.Errorf("Len() = %d after rejected puts, want 0", db.Len())
	}
}

func TestReopenKeepsData(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, "a", `1`)
	mustPut(t, db, "b", `2`)
	db.Delete("a")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openT(t, dir, Options{})
	if _, err := db.Get("a"); err != ErrNotFound {
		t.Errorf("deleted id after reopen: %v, want ErrNotFound", err)
	}
	wantDoc(t, db, "b", `2`)
	if rec := db.Recovery(); rec.Records != 3 || rec.Truncated != 0 || rec.Segments != 1 {
		t.Errorf("Recovery() = %+v, want 3 records, 1 segment, nothing cut", rec)
	}
}

func TestSegmentsRoll(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{SegmentSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		mustPut(t, db, fmt.Sprint("k", i), fmt.Sprintf(`{"i":%d,"pad":"0123456789"}`, i))
	}
	db.Close()
	if n := len(segmentPaths(t, dir)); n < 5 {
		t.Fatalf("%d segments after 20 puts of ~40 bytes with SegmentSize 100, want several", n)
	}
	db = openT(t, dir, Options{SegmentSize: 100})
	for i := range 20 {
		wantDoc(t, db, fmt.Sprint("k", i), fmt.Sprintf(`{"i":%d,"pad":"0123456789"}`, i))
	}
}

func TestClosed(t *testing.T) {
	db, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, "a", `1`)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if err := db.Put("a", []byte(`1`)); err != ErrClosed {
		t.Errorf("Put after Close = %v, want ErrClosed", err)
	}
	if _, err := db.Get("a"); err != ErrClosed {
		t.Errorf("Get after Close = %v, want ErrClosed", err)
	}
	if err := db.Range("", func(string, []byte) bool { return true }); err != ErrClosed {
		t.Errorf("Range after Close = %v, want ErrClosed", err)
	}
}

func TestLockRefusesSecondOpen(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	db.Close()
	db2, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after Close = %v, want the lock released", err)
	}
	db2.Close()
}

func TestOpenCreatesNestedDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	db := openT(t, dir, Options{})
	mustPut(t, db, "x", `1`)
}

func TestRangeInIDOrderFromSnapshot(t *testing.T) {
	db := openT(t, t.TempDir(), Options{NoSync: true})
	for _, id := range []string{"c", "a", "d", "b"} {
		mustPut(t, db, id, fmt.Sprintf("%q", id))
	}
	var got []string
	err := db.Range("b", func(id string, doc []byte) bool {
		got = append(got, id+"="+string(doc))
		if id == "b" { // changes during Range are not seen
			db.Delete("c")
			mustPut(t, db, "d", `"new"`)
			mustPut(t, db, "e", `"e"`)
		}
		return id != "c"
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := `b="b" c="c"`; strings.Join(got, " ") != want {
		t.Errorf("Range visited %s, want %s (stopped after c)", strings.Join(got, " "), want)
	}
}

// TestConcurrentReadersAndWriters is for the race detector: readers run
// while several writers commit in groups, and every read is whole.
func TestConcurrentReadersAndWriters(t *testing.T) {
	db := openT(t, t.TempDir(), Options{SegmentSize: 4096})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				if err := db.Put(fmt.Sprint("k", i%10), fmt.Appendf(nil, `{"w":%d,"i":%d}`, w, i)); err != nil {
					t.Error(err) // not Fatal: this is not the test's goroutine
					return
				}
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			var buf []byte
			for i := range 500 {
				var err error
				buf, err = db.AppendGet(buf[:0], fmt.Sprint("k", i%10))
				if err != nil && err != ErrNotFound {
					t.Errorf("AppendGet = %v", err)
					return
				}
				if err == nil && (len(buf) == 0 || buf[0] != '{' || buf[len(buf)-1] != '}') {
					t.Errorf("read a partial document %q", buf)
					return
				}
			}
		})
	}
	wg.Wait()
	if db.Len() != 10 {
		t.Errorf("Len() = %d, want 10", db.Len())
	}
}

func TestGetLookupAllocatesNothing(t *testing.T) {
	db := openT(t, t.TempDir(), Options{NoSync: true})
	mustPut(t, db, "user/1", `{"name":"Ann"}`)
	buf := make([]byte, 0, 256)
	allocs := testing.AllocsPerRun(100, func() {
		var err error
		buf, err = db.AppendGet(buf[:0], "user/1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AppendGet(buf[:0], "missing"); err != ErrNotFound {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("AppendGet with a reused buffer: %v allocations, want 0", allocs)
	}
}

// TestFailedSyncRefusesWrites: after a failed sync the kernel may have
// dropped the pages it could not write, and a later sync can report
// success without them, so the database refuses writes until reopened,
// while reads of what was committed go on.
func TestFailedSyncRefusesWrites(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, "ok", `1`)
	eio := errors.New("input/output error")
	db.testSync = func(*os.File) error { return eio }
	if err := db.Put("lost", []byte(`2`)); !errors.Is(err, eio) {
		t.Fatalf("Put with a failing sync = %v, want it wrapped", err)
	}
	db.testSync = nil
	err = db.Put("later", []byte(`3`))
	if !errors.Is(err, eio) || !strings.Contains(err.Error(), "reopen") {
		t.Fatalf("Put after a failed sync = %v, want a refusal that says to reopen", err)
	}
	if _, err := db.Get("lost"); err != ErrNotFound {
		t.Errorf("Get of the write whose sync failed = %v, want ErrNotFound (never acknowledged)", err)
	}
	wantDoc(t, db, "ok", `1`)
	db.Close()
	db = openT(t, dir, Options{})
	mustPut(t, db, "later", `3`)
	wantDoc(t, db, "ok", `1`)
}

// TestRecordLargerThanSegment: a record bigger than SegmentSize gets a
// segment of its own, and reads past the segment's mapping fall back to
// ReadAt.
func TestRecordLargerThanSegment(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{SegmentSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	big := fmt.Sprintf(`{"pad":%q}`, strings.Repeat("b", 500))
	mustPut(t, db, "big", big) // into the empty first segment, past its mapping
	mustPut(t, db, "small", `1`)
	mustPut(t, db, "big2", big)
	wantDoc(t, db, "big", big)
	wantDoc(t, db, "big2", big)
	wantDoc(t, db, "small", `1`)
	db.Close()
	db = openT(t, dir, Options{SegmentSize: 64})
	wantDoc(t, db, "big", big)
	wantDoc(t, db, "big2", big)
	wantDoc(t, db, "small", `1`)
}

// TestGetChecksEveryRead: a record damaged on disk after Open is reported
// by Get as a *CorruptError, through the mapping and through ReadAt.
func TestGetChecksEveryRead(t *testing.T) {
	for _, mapped := range []bool{true, false} {
		t.Run(fmt.Sprint("mapped=", mapped), func(t *testing.T) {
			defer func(old bool) { useMmap = old }(useMmap)
			useMmap = mapped
			dir := t.TempDir()
			db := openT(t, dir, Options{})
			mustPut(t, db, "a", `{"n":1}`)
			seg := segmentPaths(t, dir)[0]
			f, err := os.OpenFile(seg, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte("9"), headerSize+1+5) // {"n":1} becomes {"n":9}
			f.Close()
			_, err = db.Get("a")
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.Segment != seg || ce.Offset != 0 || !errors.Is(err, errChecksum) {
				t.Fatalf("Get of a damaged record = %v, want a *CorruptError for %s at 0", err, seg)
			}
			if !strings.Contains(err.Error(), seg) || !strings.Contains(err.Error(), "offset 0") {
				t.Errorf("error %q does not say where", err)
			}
		})
	}
}

// TestCloseWhileReading: readers racing Close get a document or
// ErrClosed, never a read from a segment already unmapped or closed.
func TestCloseWhileReading(t *testing.T) {
	for round := range 20 {
		db, err := Open(t.TempDir(), Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			mustPut(t, db, fmt.Sprint("k", i), fmt.Sprint(i))
		}
		var wg sync.WaitGroup
		for r := range 4 {
			wg.Go(func() {
				var buf []byte
				for i := 0; ; i++ {
					var err error
					buf, err = db.AppendGet(buf[:0], fmt.Sprint("k", (i+r)%10))
					if err == ErrClosed {
						return
					}
					if err != nil || string(buf) != fmt.Sprint((i+r)%10) {
						t.Errorf("round %d: AppendGet = %q, %v", round, buf, err)
						return
					}
				}
			})
		}
		wg.Go(func() {
			err := db.Range("", func(string, []byte) bool { return true })
			if err != nil && err != ErrClosed {
				t.Errorf("round %d: Range = %v", round, err)
			}
		})
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
	}
}
