package naivestore

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash test: a child process (this test binary, run again with
// -test.run=TestCrashChild) saves a store over and over and prints one
// line per save that returned; the parent kills it with SIGKILL at a
// random moment and looks at what the file holds. It runs twice: once
// with the save of lesson 10.2's first step (the whole file rewritten in
// place, os.WriteFile), once with Store.Put. SIGKILL ends the process,
// not the machine: what reached the page cache survives it, so this
// shows what a crash of the program loses, not what a power cut loses.

const (
	crashFileEnv = "NAIVESTORE_CRASH_FILE"
	crashModeEnv = "NAIVESTORE_CRASH_MODE" // "inplace" or "store"
	crashPadKeys = 300                     // keys besides "seq", so a save is ~40 KB
)

// crashPad is the store's content besides "seq".
func crashPad() map[string]string {
	m := make(map[string]string, crashPadKeys+1)
	for i := range crashPadKeys {
		m[fmt.Sprintf("key-%03d", i)] = strings.Repeat(strconv.Itoa(i%10), 120)
	}
	return m
}

// saveInPlace is the save of step 10.02-save-load, kept here to be
// measured: truncate the file, then write the new content into it.
func saveInPlace(path string, data map[string]string) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// TestCrashChild is the child's side; it does nothing unless the parent
// started it.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashFileEnv)
	if path == "" {
		t.Skip("run by TestCrash in a child process")
	}
	data := crashPad()
	if err := saveInPlace(path, data); err != nil { // the first version
		fmt.Printf("err %v\n", err)
		os.Exit(1)
	}
	var put func(seq int) error
	switch os.Getenv(crashModeEnv) {
	case "inplace":
		put = func(seq int) error {
			data["seq"] = strconv.Itoa(seq)
			return saveInPlace(path, data)
		}
	default:
		s, err := Open(path)
		if err != nil {
			fmt.Printf("err %v\n", err)
			os.Exit(1)
		}
		put = func(seq int) error { return s.Put("seq", strconv.Itoa(seq)) }
	}
	fmt.Println("ack 0") // the first version is there
	for seq := 1; ; seq++ {
		if err := put(seq); err != nil {
			fmt.Printf("err %v\n", err)
			os.Exit(1)
		}
		fmt.Printf("ack %d\n", seq)
	}
}

// crashOutcome is what one round left in the file.
type crashOutcome int

const (
	crashKept     crashOutcome = iota // the last acknowledged save or the one after
	crashEmpty                        // a file of zero bytes
	crashCut                          // a file cut short: not JSON
	crashOld                          // valid, but older than the last acknowledged save
	crashNoFile                       // no file at all
	crashOutcomes                     // how many outcomes there are
)

var crashNames = [crashOutcomes]string{"kept", "empty", "cut short", "older", "missing"}

// crashRound runs a child in mode on a new file in dir, kills it between
// 0 and 4 ms after its first acknowledged save, and says what the file
// holds, with the last acknowledged seq and the number of temporary
// files the child left behind.
func crashRound(t *testing.T, dir, mode string, rng *rand.Rand) (out crashOutcome, lastAck, leftover int) {
	t.Helper()
	path := filepath.Join(dir, "store.json")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashFileEnv+"="+path, crashModeEnv+"="+mode)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	watchdog := time.AfterFunc(30*time.Second, func() { cmd.Process.Kill() })
	defer watchdog.Stop()
	lastAck = -1
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "ack "); ok {
			n, _ := strconv.Atoi(rest)
			if lastAck < 0 {
				delay := time.Duration(rng.IntN(4000)) * time.Microsecond
				time.AfterFunc(delay, func() { cmd.Process.Kill() })
			}
			lastAck = n
		} else {
			t.Fatalf("child: %s\n%s", line, stderr.String())
		}
	}
	cmd.Wait()
	if lastAck < 0 {
		t.Fatalf("child acknowledged nothing\n%s", stderr.String())
	}

	tmps, _ := filepath.Glob(path + ".tmp-*")
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return crashNoFile, lastAck, len(tmps)
	case err != nil:
		t.Fatal(err)
	case len(b) == 0:
		return crashEmpty, lastAck, len(tmps)
	}
	var got map[string]string
	if json.Unmarshal(b, &got) != nil {
		return crashCut, lastAck, len(tmps)
	}
	// The child may have saved one more version without living to
	// acknowledge it.
	if seq, _ := strconv.Atoi(got["seq"]); seq != lastAck && seq != lastAck+1 {
		return crashOld, lastAck, len(tmps)
	}
	return crashKept, lastAck, len(tmps)
}

func TestCrash(t *testing.T) {
	rounds, budget := 60, 2*time.Second // per mode
	if testing.Short() {
		rounds, budget = 15, time.Second
	}
	seed := uint64(time.Now().UnixNano()) // the kills' timing is not reproducible anyway
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d", seed)
	for _, mode := range []string{"inplace", "store"} {
		var count [crashOutcomes]int
		acks, leftovers, round := 0, 0, 0
		for start := time.Now(); round < rounds && time.Since(start) < budget; round++ {
			dir := t.TempDir()
			out, lastAck, leftover := crashRound(t, dir, mode, rng)
			count[out]++
			acks += lastAck
			leftovers += leftover
			if mode != "store" {
				continue
			}
			if out != crashKept {
				t.Errorf("round %d: Store.Put acknowledged save %d, and after SIGKILL the file is %s",
					round, lastAck, crashNames[out])
			}
			if _, err := Open(filepath.Join(dir, "store.json")); err != nil {
				t.Errorf("round %d: Open after the crash: %v", round, err)
			}
			if tmps, _ := filepath.Glob(filepath.Join(dir, "store.json.tmp-*")); len(tmps) > 0 {
				t.Errorf("round %d: Open after the crash left %s", round, tmps[0])
			}
		}
		var report []string
		for o, n := range count {
			if n > 0 {
				report = append(report, fmt.Sprintf("%s %d", crashNames[o], n))
			}
		}
		t.Logf("%-7s %d rounds, %d acks: %s; %d temporary files left",
			mode, round, acks, strings.Join(report, ", "), leftovers)
	}
}
