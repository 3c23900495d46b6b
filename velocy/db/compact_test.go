package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// logSize returns the total size of dir's segments.
func logSize(t testing.TB, dir string) int64 {
	t.Helper()
	var n int64
	for _, p := range segmentPaths(t, dir) {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		n += info.Size()
	}
	return n
}

// compactModel writes random puts and deletes over ids ids and returns
// what the database should hold.
func compactModel(t testing.TB, db *DB, rng *rand.Rand, writes, ids int, want map[string]string) {
	t.Helper()
	for range writes {
		id := fmt.Sprintf("id-%03d", rng.IntN(ids))
		if rng.IntN(8) == 0 {
			if err := db.Delete(id); err != nil {
				t.Fatal(err)
			}
			delete(want, id)
			continue
		}
		doc := fmt.Sprintf(`{"id":%q,"v":%d,"pad":%q}`, id, rng.Uint32(), strings.Repeat("x", rng.IntN(200)))
		mustPut(t, db, id, doc)
		want[id] = doc
	}
}

// wantAll checks that db holds exactly want, by Get and by Range.
func wantAll(t testing.TB, db *DB, want map[string]string) {
	t.Helper()
	for id, doc := range want {
		wantDoc(t, db, id, doc)
	}
	n := 0
	err := db.Range("", func(id string, doc []byte) bool {
		n++
		if want[id] != string(doc) {
			t.Errorf("Range: %s = %s, want %s", id, doc, want[id])
		}
		return true
	})
	if err != nil || n != len(want) {
		t.Fatalf("Range visited %d documents (err %v), want %d", n, err, len(want))
	}
}

func TestCompactReclaimsSpace(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), 1))
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true, SegmentSize: 8 << 10})
	want := map[string]string{}
	compactModel(t, db, rng, 3000, 50, want)
	before := logSize(t, dir)
	st, err := db.Compact(context.Background())
	if err != nil {
		t.Fatalf("Compact = %v", err)
	}
	after := logSize(t, dir)
	t.Logf("log %d bytes before, %d after; %+v", before, after, st)
	if st.Segments < 2 || st.BytesAfter >= st.BytesBefore || after >= before {
		t.Fatalf("Compact = %+v, log %d -> %d bytes: want it smaller", st, before, after)
	}
	if got := len(segmentPaths(t, dir)); got != 2 {
		t.Fatalf("%d segments after Compact, want 2 (compacted and active)", got)
	}
	wantAll(t, db, want)
	compactModel(t, db, rng, 500, 50, want) // writes go on after the switch
	if _, err := db.Compact(context.Background()); err != nil {
		t.Fatalf("second Compact = %v", err)
	}
	wantAll(t, db, want)
	db.Close()
	wantAll(t, openT(t, dir, Options{}), want)
}

// A write that lands while compaction copies wins over the copy, in
// memory and after reopening.
func TestCompactRacingWriteWins(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), 2))
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true, SegmentSize: 4 << 10})
	want := map[string]string{}
	compactModel(t, db, rng, 1000, 40, want)
	db.testCompactStep = func(step string) error {
		if step == "written" { // copied, not yet switched
			compactModel(t, db, rng, 200, 40, want)
		}
		return nil
	}
	if _, err := db.Compact(context.Background()); err != nil {
		t.Fatalf("Compact = %v", err)
	}
	wantAll(t, db, want)
	db.Close()
	wantAll(t, openT(t, dir, Options{}), want)
}

// For each step of Compact: what a crash there leaves (a copy of the
// directory taken at that moment) opens with every write, and so does the
// database after Compact fails there, now and after reopening.
func TestCompactCrashAndFailAtEachStep(t *testing.T) {
	for _, step := range []string{"written", "synced", "renamed", "remove", "remove#2"} {
		t.Run(step, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(rand.Uint64(), 3))
			dir := t.TempDir()
			db := openT(t, dir, Options{NoSync: true, SegmentSize: 4 << 10})
			want := map[string]string{}
			compactModel(t, db, rng, 1500, 60, want)
			seen, crashed := 0, ""
			db.testCompactStep = func(s string) error {
				if s == "remove" {
					seen++
					if step == "remove#2" && seen == 2 {
						s = "remove#2"
					}
				}
				if s != step {
					return nil
				}
				crashed = copyDir(t, dir) // the files as a kill -9 here leaves them
				return errors.New("injected failure at " + s)
			}
			if _, err := db.Compact(context.Background()); err == nil {
				t.Fatalf("Compact with a failure at %s = nil error", step)
			}
			if crashed == "" {
				t.Fatalf("Compact never reached step %s", step)
			}
			wantAll(t, openT(t, crashed, Options{}), want)
			wantAll(t, db, want)
			compactModel(t, db, rng, 300, 60, want)
			db.testCompactStep = nil
			if _, err := db.Compact(context.Background()); err != nil {
				t.Fatalf("Compact after a failed one = %v", err)
			}
			wantAll(t, db, want)
			db.Close()
			wantAll(t, openT(t, dir, Options{}), want)
			if m, _ := filepath.Glob(filepath.Join(dir, "*"+compactSuffix)); len(m) > 0 {
				t.Fatalf("left behind %v", m)
			}
		})
	}
}

func TestCompactCanceled(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), 4))
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true, SegmentSize: 4 << 10})
	want := map[string]string{}
	compactModel(t, db, rng, 1000, 40, want)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.Compact(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Compact(canceled) = %v, want context.Canceled", err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*"+compactSuffix)); len(m) > 0 {
		t.Fatalf("a canceled Compact left %v", m)
	}
	wantAll(t, db, want)
}

// Readers, writers and compactions at once (run with -race): every read
// returns a document its id once held, and no reader touches a segment
// closed under it.
func TestCompactConcurrentReaders(t *testing.T) {
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true, SegmentSize: 4 << 10})
	const ids = 64
	for i := range ids {
		mustPut(t, db, fmt.Sprintf("k%02d", i), fmt.Sprintf(`{"k":%d,"v":0}`, i))
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	check := func(id string, doc []byte) {
		var k, v int
		if _, err := fmt.Sscanf(string(doc), `{"k":%d,"v":%d}`, &k, &v); err != nil || fmt.Sprintf("k%02d", k) != id {
			t.Errorf("%s holds %s", id, doc)
		}
	}
	for g := range 2 {
		wg.Go(func() { // writer
			for v := 1; ; v++ {
				select {
				case <-stop:
					return
				default:
				}
				i := (v*7 + g) % ids
				mustPut(t, db, fmt.Sprintf("k%02d", i), fmt.Sprintf(`{"k":%d,"v":%d}`, i, v))
			}
		})
	}
	wg.Go(func() { // Gets
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			id := fmt.Sprintf("k%02d", n%ids)
			doc, err := db.Get(id)
			if err != nil {
				t.Errorf("Get(%s) = %v", id, err)
				return
			}
			check(id, doc)
		}
	})
	wg.Go(func() { // Ranges and snapshots
		for {
			select {
			case <-stop:
				return
			default:
			}
			s, err := db.Snapshot()
			if err != nil {
				t.Errorf("Snapshot = %v", err)
				return
			}
			n := 0
			for id, doc := range s.All("") {
				check(id, doc)
				n++
			}
			if s.Err() != nil || n != ids {
				t.Errorf("snapshot visited %d documents (err %v), want %d", n, s.Err(), ids)
			}
			s.Close()
		}
	})
	for range 30 {
		if _, err := db.Compact(context.Background()); err != nil {
			t.Errorf("Compact = %v", err)
			break
		}
	}
	close(stop)
	wg.Wait()
}

// BenchmarkCompact compacts the log of ExampleDB_Compact: 100,000
// overwrites of 1,000 ids, 21 MiB of sealed segments with 624 live
// records. Only Compact is timed (the file and directory syncs
// included).
func BenchmarkCompact(b *testing.B) {
	pad := strings.Repeat("x", 180)
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		db, err := Open(dir, Options{NoSync: true, SegmentSize: 1 << 20})
		if err != nil {
			b.Fatal(err)
		}
		for i := range 100_000 {
			doc := fmt.Sprintf(`{"n":%6d,"pad":%q}`, i, pad)
			if err := db.Put(fmt.Sprintf("user/%03d", i%1000), []byte(doc)); err != nil {
				b.Fatal(err)
			}
		}
		before := logSize(b, dir)
		b.StartTimer()
		if _, err := db.Compact(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(before), "bytes-before")
		b.ReportMetric(float64(logSize(b, dir)), "bytes-after")
		db.Close()
		b.StartTimer()
	}
}

// Close during a Compact waits for it, and what it leaves opens whole.
func TestCompactThenCloseMidway(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), 6))
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true, SegmentSize: 4 << 10})
	want := map[string]string{}
	compactModel(t, db, rng, 1000, 40, want)
	closed := make(chan error, 1)
	db.testCompactStep = func(step string) error {
		if step == "written" {
			go func() { closed <- db.Close() }()
			for !db.closed.Load() { // Close has begun and now waits for us
				runtime.Gosched()
			}
		}
		return nil
	}
	if _, err := db.Compact(context.Background()); err != nil {
		t.Fatalf("Compact with Close waiting = %v", err)
	}
	if err := <-closed; err != nil {
		t.Fatalf("Close during Compact = %v", err)
	}
	if _, err := db.Compact(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Compact after Close = %v, want ErrClosed", err)
	}
	wantAll(t, openT(t, dir, Options{}), want)
}
