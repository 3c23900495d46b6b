package logtar

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestCompressRolledFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	dir := t.TempDir()
	modes := []fs.FileMode{0o600, 0o640, 0o644}
	mode := modes[rng.IntN(len(modes))]
	n := 10 + rng.IntN(20)
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithRollingSize(int64(300 + rng.IntN(500))).
		WithCompress(true).WithFileMode(mode).WithClock(activeFileClock(logFilesStepClock(), time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		l.Info("record", "i", i, "pad", strings.Repeat("x", rng.IntN(200)))
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	names := logFilesStepList(t, dir) // "app.log" sorts first
	if len(names) < 3 || names[0] != "app.log" {
		t.Fatalf("the directory holds %q, want app.log and several rolled files", names)
	}
	next := 0
	for _, name := range append(names[1:], "app.log") {
		path := filepath.Join(dir, name)
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		if name != "app.log" {
			if !strings.HasSuffix(name, ".log.gz") {
				t.Fatalf("after Close, the rolled file %s is not compressed: the cleaner gzips every rolled file into name + \".gz\" and deletes the original", name)
			}
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			plain, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !zr.ModTime.Equal(info.ModTime().Truncate(time.Second)) {
				t.Errorf("%s: the gzip header says %s and the file's modification time is %s, want the original's time in both: retention compares it", name, zr.ModTime, info.ModTime())
			}
			data = plain
		}
		if runtime.GOOS != "windows" && info.Mode().Perm() != mode&fileModeUmask(t) {
			t.Errorf("%s has mode %#o, want %#o, as the file it replaces", name, uint32(info.Mode().Perm()), uint32(mode&fileModeUmask(t)))
		}
		for _, r := range loggerStepRecords(t, string(data)) {
			if r["i"] != float64(next) {
				t.Fatalf("%s holds record %v, want %d: every record, once, in order, compressed or not", name, r["i"], next)
			}
			next++
		}
	}
	if next != n {
		t.Errorf("the files hold %d records, want %d", next, n)
	}
}

func TestCompressTidiesWhatACrashLeft(t *testing.T) {
	dir := t.TempDir()
	done := "logtar_2024-05-01T00-00-00.000Z.log"
	half := fmt.Sprintf("logtar_2024-05-02T00-00-00.000Z_%06d.log", 1+rand.IntN(99))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("{\"msg\":\"compressed\"}\n"))
	zw.Close()
	retentionPlant(t, dir, done, half, half+".gz.tmp", "notes.txt.gz.tmp")
	if err := os.WriteFile(filepath.Join(dir, done+".gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := New(NewConfig().WithDir(dir).WithCompress(true))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, name := range logFilesStepList(t, dir) {
		got[name] = true
	}
	for name, want := range map[string]bool{done: false, done + ".gz": true, half: false, half + ".gz": true, half + ".gz.tmp": false, "notes.txt.gz.tmp": true} {
		if got[name] != want {
			t.Errorf("after a crash left %s with its complete %s.gz, and %s with a half-written %s.gz.tmp: %s exists = %v, want %v: a .gz is renamed into place only when whole, so it wins over its original; a .tmp of ours is a leftover; someone else's is not ours",
				done, done, half, half, name, got[name], want)
		}
	}
}
