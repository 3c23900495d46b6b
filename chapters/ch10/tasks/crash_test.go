package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestCrash runs the program as a child process, writes to it from
// several clients at once, kills it with SIGKILL once enough writes have
// been acknowledged (while others are in flight), restarts it on the same
// directory and checks that every acknowledged write is there: a task
// whose POST got 201 exists, with the revision and title of its last
// acknowledged PUT, and a task whose DELETE got 204 is gone. A write whose
// request failed (the kill cut it) may have happened or not: either is
// right. Several rounds, each on the state the last one left.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "tasks")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	data := filepath.Join(dir, "data")
	model := map[string]*modelTask{} // every task a client was told exists or may exist
	const rounds, clients = 4, 4
	for round := range rounds {
		p := startChild(t, bin, data, filepath.Join(dir, fmt.Sprintf("round%d.log", round)))
		verify(t, p.url, model)
		// Kill after 20 to 120 acknowledged writes.
		kill := int64(20 + rng.IntN(100))
		var acked atomic.Int64
		killed := make(chan struct{})
		var once sync.Once
		var wg sync.WaitGroup
		// Each client writes only its own tasks (their titles start with
		// its name), so that it knows what each one should hold.
		results := make([]map[string]*modelTask, clients)
		for c := range clients {
			results[c] = map[string]*modelTask{}
		}
		for id, m := range model {
			var c int
			if _, err := fmt.Sscanf(m.title, "c%d-", &c); err == nil && !m.deleted {
				results[c][id] = m
			}
		}
		for c, mine := range results {
			r := rand.New(rand.NewPCG(seed, uint64(round*clients+c+1)))
			wg.Go(func() {
				client := &http.Client{}
				for n := 0; ; n++ {
					if !writeOnce(t, client, p.url, r, c, round, n, mine) {
						return // the server is gone
					}
					if acked.Add(1) == kill {
						once.Do(func() { close(killed) })
					}
				}
			})
		}
		<-killed
		if err := p.cmd.Process.Kill(); err != nil { // SIGKILL on Unix
			t.Fatal(err)
		}
		wg.Wait()
		p.cmd.Wait()
		cut := 0
		for _, mine := range results {
			for id, m := range mine {
				model[id] = m
				if m.maybe != nil {
					cut++
				}
			}
		}
		t.Logf("round %d: killed after %d acknowledged writes, %d PUT or DELETE cut; %d tasks",
			round, kill, cut, len(model))
	}
	p := startChild(t, bin, data, filepath.Join(dir, "last.log"))
	verify(t, p.url, model)
	p.cmd.Process.Kill()
	p.cmd.Wait()
}

// modelTask is what a client knows of one task: its last acknowledged
// state, and the state an unacknowledged write may have left instead.
type modelTask struct {
	title   string
	rev     int64
	deleted bool

	maybe *modelTask // the state of a write that failed, nil if none
}

// writeOnce makes one write, a POST, PUT or DELETE of a task of this
// client's, and records it in mine. It returns false if the request
// failed: then the server is gone, and the write is recorded as maybe.
// An answer other than the one expected fails the test.
func writeOnce(t *testing.T, client *http.Client, url string, r *rand.Rand, c, round, n int, mine map[string]*modelTask) bool {
	title := fmt.Sprintf("c%d-r%d-%d", c, round, n)
	var id string
	var m *modelTask
	for id, m = range mine { // a random one of mine, if any
		if !m.deleted {
			break
		}
	}
	op := r.IntN(10)
	if m == nil || m.deleted || op < 4 {
		res, err := send(client, "POST", url+"/tasks", `{"title":"`+title+`"}`)
		if err != nil {
			return false // a task that may exist, with an id we never learned
		}
		var task Task
		if res.StatusCode != 201 || json.Unmarshal(res.body, &task) != nil {
			t.Errorf("POST: %d %s", res.StatusCode, res.body)
			return false
		}
		mine[task.ID] = &modelTask{title: title, rev: 1}
		return true
	}
	if op < 8 {
		res, err := send(client, "PUT", url+"/tasks/"+id, `{"title":"`+title+`"}`)
		if err != nil {
			m.maybe = &modelTask{title: title, rev: m.rev + 1}
			return false
		}
		if res.StatusCode != 200 {
			t.Errorf("PUT: %d %s", res.StatusCode, res.body)
			return false
		}
		m.title, m.rev = title, m.rev+1
		return true
	}
	res, err := send(client, "DELETE", url+"/tasks/"+id, "")
	if err != nil {
		m.maybe = &modelTask{deleted: true}
		return false
	}
	if res.StatusCode != 204 {
		t.Errorf("DELETE: %d %s", res.StatusCode, res.body)
		return false
	}
	m.deleted = true
	return true
}

type sent struct {
	StatusCode int
	body       []byte
}

func send(client *http.Client, method, url, body string) (sent, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return sent{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return sent{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return sent{}, err // the body cut short: not an acknowledgement
	}
	return sent{res.StatusCode, b}, nil
}

// verify reads every task of the model from the server at url and checks
// it holds the acknowledged state or, for a task with a failed write, the
// state that write would have left; it then makes that the model's state.
func verify(t *testing.T, url string, model map[string]*modelTask) {
	t.Helper()
	client := &http.Client{}
	for id, m := range model {
		res, err := send(client, "GET", url+"/tasks/"+id, "")
		if err != nil {
			t.Fatal(err)
		}
		var got modelTask
		switch res.StatusCode {
		case 404:
			got.deleted = true
		case 200:
			var task Task
			if err := json.Unmarshal(res.body, &task); err != nil {
				t.Fatal(err)
			}
			got.title, got.rev = task.Title, task.Rev
		default:
			t.Fatalf("GET %s: %d %s", id, res.StatusCode, res.body)
		}
		acked := modelTask{title: m.title, rev: m.rev, deleted: m.deleted}
		switch {
		case same(got, acked):
		case m.maybe != nil && same(got, *m.maybe):
		default:
			t.Errorf("task %s after the crash: %+v, want the acknowledged %+v (or %+v)", id, got, acked, m.maybe)
		}
		*m = got
	}
}

func same(a, b modelTask) bool {
	if a.deleted || b.deleted {
		return a.deleted == b.deleted
	}
	return a.title == b.title && a.rev == b.rev
}

// child is a running copy of the program.
type child struct {
	cmd *exec.Cmd
	url string
}

// startChild starts the program on dir, with its log in logPath, and
// waits for the line that gives its address.
func startChild(t *testing.T, bin, dir, logPath string) child {
	t.Helper()
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close() // the child has its own copy
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-dir", dir)
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if err != nil || !ok {
		cmd.Process.Kill()
		cmd.Wait()
		log, _ := os.ReadFile(logPath)
		t.Fatalf("the program did not start: %q %v\n%s", line, err, log)
	}
	return child{cmd, url}
}
