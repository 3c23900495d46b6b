package db

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The crash test: a child process (this test binary, run again with
// -test.run=TestCrashChild) writes to a database and prints one line per
// acknowledged write; the parent kills it with SIGKILL at a random moment,
// reopens the database and checks that every acknowledged write is there
// and nothing is corrupt. The rounds share one database, so each also
// recovers from the crashes before it.

const (
	crashDirEnv  = "VELOCY_DB_CRASH_DIR"
	crashBaseEnv = "VELOCY_DB_CRASH_BASE"
	// crashNoSyncEnv makes the child use NoSync: a write in the page
	// cache must survive the process's death too (not the machine's).
	crashNoSyncEnv = "VELOCY_DB_CRASH_NOSYNC"
	crashWriters   = 4
	crashKeys      = 16 // keys per writer, so that writes overwrite and delete
)

// crashOp is the write that writer g makes with sequence number seq: a
// delete every fifth time, a put otherwise, always on key seq%crashKeys.
func crashOp(g, seq int) (id string, doc []byte) {
	id = fmt.Sprintf("g%d-%d", g, seq%crashKeys)
	if seq%5 == 0 {
		return id, nil
	}
	return id, fmt.Appendf(nil, `{"g":%d,"seq":%d,"pad":%q}`, g, seq, strings.Repeat("p", seq%300))
}

// TestCrashChild is the child's side; it does nothing unless the parent
// started it.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("run by TestCrash in a child process")
	}
	base, _ := strconv.Atoi(os.Getenv(crashBaseEnv))
	db, err := Open(dir, Options{SegmentSize: 16 << 10, NoSync: os.Getenv(crashNoSyncEnv) != ""})
	if err != nil {
		fmt.Printf("err open: %v\n", err)
		os.Exit(1)
	}
	crashCompactLoop(db) // compaction: see compact_crash_test.go
	var out sync.Mutex
	var wg sync.WaitGroup
	for g := range crashWriters {
		wg.Go(func() {
			for seq := base; ; seq++ {
				id, doc := crashOp(g, seq)
				var err error
				if doc == nil {
					err = db.Delete(id)
				} else {
					err = db.Put(id, doc)
				}
				out.Lock()
				if err != nil {
					fmt.Printf("err %d %d: %v\n", g, seq, err)
					os.Exit(1)
				}
				fmt.Printf("ack %d %d\n", g, seq) // one write(2): a pipe keeps it whole
				out.Unlock()
			}
		})
	}
	wg.Wait()
}

func TestCrash(t *testing.T) {
	rounds, budget := 100, 15*time.Second
	if testing.Short() {
		rounds, budget = 10, 5*time.Second
	}
	if n, err := strconv.Atoi(os.Getenv("VELOCY_DB_CRASH_ROUNDS")); err == nil {
		rounds, budget = n, min(time.Duration(n)*time.Second, 60*time.Second) // CI: hundreds, bounded
	}
	seed := uint64(time.Now().UnixNano()) // the kills' timing is not reproducible anyway
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d", seed)
	dir := t.TempDir()
	state := map[string]int{} // id -> seq of its document, as verified after the last crash
	base, start, acked := 1, time.Now(), 0
	round, torn := 0, 0
	for ; round < rounds && time.Since(start) < budget; round++ {
		killAfter := rng.IntN(300)
		lastAck := crashRound(t, dir, base, killAfter, round%3 == 2, rng)
		want := crashExpected(state, base, lastAck)
		got, rec := crashRead(t, dir)
		if rec.Truncated > 0 {
			torn++
		}
		for g := range crashWriters {
			acked += lastAck[g] - base + 1
		}
		// Each writer may have made one more write durable without living
		// to acknowledge it: the one after its last acknowledged.
		maybe := map[string]int{}
		for g := range crashWriters {
			id, doc := crashOp(g, lastAck[g]+1)
			maybe[id] = -1
			if doc != nil {
				maybe[id] = lastAck[g] + 1
			}
		}
		for _, id := range unionKeys(want, got) {
			w, inWant := want[id]
			g, inGot := got[id]
			if !inWant {
				w = -1
			}
			if !inGot {
				g = -1
			}
			if g != w && !(maybeOK(maybe, id, g)) {
				t.Fatalf("round %d (kill after %d acks, NoSync %v): %s holds seq %d, want %d (-1: absent); last acks %v", round, killAfter, round%3 == 2, id, g, w, lastAck)
			}
		}
		state = got
		base = max(base, slicesMax(lastAck)) + 2
	}
	t.Logf("%d crash rounds, %d acknowledged writes, all present; %d recoveries cut a torn tail", round, acked, torn)
}

func maybeOK(maybe map[string]int, id string, got int) bool {
	m, ok := maybe[id]
	return ok && m == got
}

// crashRound runs one child (with NoSync if noSync), kills it after
// killAfter acknowledgements (or at a random moment if 0), and returns each writer's last acknowledged
// sequence number (base-1 for none).
func crashRound(t *testing.T, dir string, base, killAfter int, noSync bool, rng *rand.Rand) []int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, crashBaseEnv+"="+strconv.Itoa(base))
	if noSync {
		cmd.Env = append(cmd.Env, crashNoSyncEnv+"=1")
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	kill := func() { once.Do(func() { cmd.Process.Kill() }) }
	if killAfter == 0 { // somewhere in startup, Open or the first writes
		time.AfterFunc(time.Duration(rng.IntN(30))*time.Millisecond, kill)
	}
	watchdog := time.AfterFunc(60*time.Second, kill) // a hung child fails the round, not the suite
	defer watchdog.Stop()
	lastAck := make([]int, crashWriters)
	for g := range lastAck {
		lastAck[g] = base - 1
	}
	acks := 0
	sc := bufio.NewScanner(stdout)
	var errLine string
	for sc.Scan() {
		line := sc.Text()
		var g, seq int
		if _, err := fmt.Sscanf(line, "ack %d %d", &g, &seq); err == nil && strings.HasPrefix(line, "ack ") {
			if seq != lastAck[g]+1 {
				t.Fatalf("writer %d acknowledged %d after %d", g, seq, lastAck[g])
			}
			lastAck[g] = seq
			if acks++; acks == killAfter {
				kill()
			}
		} else if strings.HasPrefix(line, "err ") {
			errLine = line
		}
	}
	kill()
	cmd.Wait()
	if errLine != "" {
		t.Fatalf("child: %s\n%s", errLine, stderr.String())
	}
	return lastAck
}

// crashExpected applies the acknowledged writes of a round to state.
func crashExpected(state map[string]int, base int, lastAck []int) map[string]int {
	want := make(map[string]int, len(state))
	for id, seq := range state {
		want[id] = seq
	}
	for g, last := range lastAck {
		for seq := base; seq <= last; seq++ {
			id, doc := crashOp(g, seq)
			if doc == nil {
				delete(want, id)
			} else {
				want[id] = seq
			}
		}
	}
	return want
}

// crashRead opens the database after a crash and returns what it holds,
// checking every document is one the writers wrote.
func crashRead(t *testing.T, dir string) (map[string]int, Recovery) {
	t.Helper()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after kill -9 = %v", err)
	}
	defer db.Close()
	got := map[string]int{}
	err = db.Range("", func(id string, doc []byte) bool {
		var d struct{ G, Seq int }
		if err := json.Unmarshal(doc, &d); err != nil {
			t.Fatalf("%s holds %s: %v", id, doc, err)
		}
		if wantID, wantDoc := crashOp(d.G, d.Seq); wantID != id || string(wantDoc) != string(doc) {
			t.Fatalf("%s holds %s, which writer %d never wrote there", id, doc, d.G)
		}
		got[id] = d.Seq
		return true
	})
	if err != nil {
		t.Fatalf("Range after kill -9 = %v", err)
	}
	return got, db.Recovery()
}

func unionKeys(a, b map[string]int) []string {
	var ids []string
	for id := range a {
		ids = append(ids, id)
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func slicesMax(s []int) int {
	m := s[0]
	for _, v := range s[1:] {
		m = max(m, v)
	}
	return m
}
