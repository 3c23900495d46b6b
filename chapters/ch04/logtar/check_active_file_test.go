package logtar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// activeFileClock returns a clock that moves step forward on every call.
// It is safe for concurrent use, as a Logger's clock must be.
func activeFileClock(start time.Time, step time.Duration) func() time.Time {
	var n atomic.Int64
	return func() time.Time { return start.Add(time.Duration(n.Add(1)) * step) }
}

func TestActiveFileStaysPut(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	dir := t.TempDir()
	limit := 200 + rng.IntN(400)
	active := fmt.Sprintf("app%d.log", rng.IntN(100))
	l, err := New(NewConfig().WithDir(dir).WithActiveFile(active).WithRollingSize(int64(limit)).
		WithClock(activeFileClock(logFilesStepClock(), 1500*time.Millisecond)))
	if err != nil {
		t.Fatal(err)
	}
	n := 20 + rng.IntN(20)
	for i := range n {
		l.Info("record", "i", i, "pad", strings.Repeat("x", rng.IntN(100)))
		data, err := os.ReadFile(filepath.Join(dir, active))
		if err != nil {
			t.Fatalf("after record %d, %s: %v: the file being written must always have the active name", i, active, err)
		}
		records := loggerStepRecords(t, string(data))
		if len(records) == 0 || records[len(records)-1]["i"] != float64(i) {
			t.Fatalf("after record %d, the last record in %s is %v, want record %d: tail -F follows the active name, so the newest record must be there", i, active, records, i)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	var rolled []string
	for _, name := range logFilesStepList(t, dir) {
		if name != active {
			rolled = append(rolled, name)
		}
	}
	if len(rolled) < 3 {
		t.Fatalf("%d records of up to 200 bytes with a rolling size of %d left the rolled files %q, want several", n, limit, rolled)
	}
	next := 0
	for k, name := range append(rolled, active) {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		if len(data) > limit {
			t.Errorf("%s is %d bytes, over the rolling size of %d", name, len(data), limit)
		}
		records := loggerStepRecords(t, string(data))
		for _, r := range records {
			if r["i"] != float64(next) {
				t.Fatalf("the rolled files in name order, then %s: %s holds record %v, want %d", active, name, r["i"], next)
			}
			next++
		}
		if k > 0 && k < len(rolled) && len(records) > 0 {
			// A file is opened by the record that rolls into it, so its
			// stamp is that record's time.
			at, _ := time.Parse(time.RFC3339, records[0]["time"].(string))
			if want := "logtar_" + at.Format(stampLayout) + ".log"; name != want {
				t.Errorf("a rolled file whose first record is stamped %s is named %s, want %s: when it rolls, rename the file to the stamped name it was opened with", records[0]["time"], name, want)
			}
		}
	}
	if next != n {
		t.Errorf("the files hold %d records, want %d", next, n)
	}
}

func TestActiveFileLeftoverIsSetAside(t *testing.T) {
	dir := t.TempDir()
	old := fmt.Sprintf(`{"msg":"from the last run %d"}`, rand.IntN(1000)) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "app.log"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	lastWrite := logFilesStepClock().Add(-time.Duration(1+rand.IntN(100)) * time.Minute).Truncate(time.Millisecond)
	if err := os.Chtimes(filepath.Join(dir, "app.log"), lastWrite, lastWrite); err != nil {
		t.Fatal(err)
	}
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithClock(logFilesStepClock))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("this run")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	setAside := "logtar_" + lastWrite.UTC().Format(stampLayout) + ".log"
	names := logFilesStepList(t, dir)
	if fmt.Sprint(names) != fmt.Sprint([]string{"app.log", setAside}) {
		t.Fatalf("an app.log left by an earlier run, last written at %s: the directory holds %q, want %q: New renames it to the stamped name of the time it was last written, then starts its own",
			lastWrite.Format(time.RFC3339Nano), names, []string{"app.log", setAside})
	}
	if data, _ := os.ReadFile(filepath.Join(dir, setAside)); string(data) != old {
		t.Errorf("%s holds %q, want the earlier run's records, %q", setAside, data, old)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "app.log")); !strings.Contains(string(data), "this run") {
		t.Errorf("app.log holds %q, want this run's record", data)
	}
}

func TestActiveFileNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	at := logFilesStepClock()
	// Someone already has the stamped name the first file would get.
	taken := "logtar_" + at.UTC().Format(stampLayout) + ".log"
	mine := fmt.Sprintf("not yours %d\n", rand.IntN(1000))
	if err := os.WriteFile(filepath.Join(dir, taken), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithRollingSize(1).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("first")
	l.Info("second") // rolls: the first file must not take the taken name
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, taken)); string(data) != mine {
		t.Errorf("%s held %q and now holds %q: os.Rename replaces a file that has the name, so look for a free number first (Lstat)", taken, mine, data)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "app.log")); !strings.Contains(string(data), "second") {
		t.Errorf("app.log holds %q, want the second record: it is the file being written", data)
	}
	want := "logtar_" + at.UTC().Format(stampLayout) + "_000001.log"
	if data, err := os.ReadFile(filepath.Join(dir, want)); err != nil || !strings.Contains(string(data), "first") {
		t.Errorf("the rolled file, whose stamped name was taken: %s holds %q (%v), want the first record under the next number", want, data, err)
	}
}

func TestActiveFileRollFailureKeepsWriting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithRollingSize(100))
	if err != nil {
		t.Fatal(err)
	}
	moved := rollFailuresBreakDir(t, dir)
	n := 3 + rand.IntN(5)
	for i := range n {
		l.Info("kept", "i", i, "pad", strings.Repeat("x", 60))
	}
	err = l.Close()
	if !rollFailuresReport.MatchString(fmt.Sprint(err)) {
		t.Errorf("Close() = %v, want the failed rolls reported (a rename that fails is a roll that fails)", err)
	}
	data, _ := os.ReadFile(filepath.Join(moved, "app.log"))
	if got := len(loggerStepRecords(t, string(data))); got != n {
		t.Errorf("app.log holds %d records, want all %d", got, n)
	}
}
