package bookweb

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMainCommandLine(t *testing.T) {
	book, _ := writeBookDir(t, 1)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{nil, 2, "-book"},
		{[]string{"-book", book}, 2, "-data"},
		{[]string{"-nope"}, 2, "nope"},
		{[]string{"-book", t.TempDir(), "-data", t.TempDir(), "-addr", "127.0.0.1:0"}, 1, "book.json"},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(c.args, &stdout, &stderr); code != c.code || !strings.Contains(stderr.String(), c.says) {
			t.Errorf("Main(%q) = %d with stderr %q; want %d, and stderr naming %q", c.args, code, stderr.String(), c.code, c.says)
		}
	}
}

// TestHelperMain is the program in a child process: the test binary runs Main when asked.
func TestHelperMain(t *testing.T) {
	args := os.Getenv("BOOKWEB_MAIN_ARGS")
	if args == "" {
		return // not a child
	}
	var argv []string
	json.Unmarshal([]byte(args), &argv)
	os.Exit(Main(argv, os.Stdout, os.Stderr))
}

// startMain runs Main in a child process on book and data, with the fake learn, and returns the
// child and the address it listens on.
func startMain(t *testing.T, book, data string) (*exec.Cmd, string) {
	t.Helper()
	learn := fakeLearn(t, "verdict")
	argv, _ := json.Marshal(append([]string{"-book", book, "-data", data, "-addr", "127.0.0.1:0"}, learn...))
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMain$")
	cmd.Env = append(os.Environ(), "BOOKWEB_MAIN_ARGS="+string(argv))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "http://"); ok {
				addr <- strings.TrimSuffix(strings.Fields(rest)[0], "/")
			}
		}
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatalf("Main in a child process printed no address and ended; its stderr:\n%s", &stderr)
		}
		return cmd, "http://" + a
	case <-time.After(30 * time.Second):
		t.Fatal("Main in a child process printed no http:// address within 30s (print it on stdout once listening)")
	}
	return nil, ""
}

// acked is a verdict the server answered 200 for: it promised to keep it.
type acked struct {
	learner string
	v       Verdict
}

// hammer runs workers learners, each reading pages and checking steps until stop is closed or
// each has made perLearner checks; it returns the acknowledged verdicts and the failures.
func hammer(t *testing.T, base string, pages []string, ids []string, workers, perLearner int, stop <-chan struct{}) ([]acked, []string) {
	var mu sync.Mutex
	var got []acked
	var bad []string
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			c := browser(t)
			c.Timeout = 60 * time.Second
			resp, err := c.Get(base + "/me")
			if err != nil {
				return
			}
			var me struct{ Learner string }
			json.NewDecoder(resp.Body).Decode(&me)
			resp.Body.Close()
			for i := range perLearner {
				select {
				case <-stop:
					return
				default:
				}
				page := pages[(w+i)%len(pages)]
				if resp, err := c.Get(base + "/" + page); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						mu.Lock()
						bad = append(bad, fmt.Sprintf("GET /%s = %d", page, resp.StatusCode))
						mu.Unlock()
					}
				}
				step := ids[(w*perLearner+i)%len(ids)]
				resp, err := c.Post(base+"/check/"+step, "", nil)
				if err != nil {
					continue // killed in flight: not acknowledged
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				var v Verdict
				mu.Lock()
				if resp.StatusCode == http.StatusOK && json.Unmarshal(body, &v) == nil {
					got = append(got, acked{me.Learner, v})
				} else {
					bad = append(bad, fmt.Sprintf("POST /check/%s = %d %q", step, resp.StatusCode, body))
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return got, bad
}

func TestMainUnderLoadThenKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("the load and crash test starts the program as a child process")
	}
	const workers, perLearner = 6, 5                 // under DefaultCheckLimit per learner
	book, ids := writeBookDir(t, workers*perLearner) // a step per check: each verdict has a key of its own
	b, err := Load(os.DirFS(book))
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, p := range b.Index.Pages {
		pages = append(pages, p.URL)
	}
	data := t.TempDir()
	cmd, base := startMain(t, book, data)

	// The load test: every page and every check answered, and the metrics agree with the client.
	got, bad := hammer(t, base, pages, ids, workers, perLearner, nil)
	if len(bad) > 0 || len(got) != workers*perLearner {
		t.Fatalf("under load (%d learners, %d checks each): %d checks acknowledged, failures %q; want every one", workers, perLearner, len(got), bad)
	}
	_, text := get(t, base+"/metrics")
	if want := fmt.Sprintf(`bookweb_checks_total{status="failed"} %d`, len(got)); !strings.Contains(text, want) {
		t.Errorf("after %d checks the server's /metrics has no %q", len(got), want)
	}

	// The crash test: kill -9 while learners are checking; every acknowledged verdict survives.
	stop := make(chan struct{})
	results := make(chan []acked, 1)
	go func() { more, _ := hammer(t, base, pages, ids, workers, perLearner, stop); results <- more }()
	time.Sleep(300 * time.Millisecond) // some checks answered, some in flight
	cmd.Process.Kill()
	close(stop)
	got = append(got, <-results...)
	cmd.Wait()
	p, err := OpenProgress(data)
	if err != nil {
		t.Fatalf("reopening the progress after kill -9: %v", err)
	}
	defer p.Close()
	latest := map[string]Verdict{} // learner + step -> the last acknowledged verdict
	for _, a := range got {
		latest[a.learner+" "+a.v.Step] = a.v
	}
	lost := 0
	for key, v := range latest {
		learner, _, _ := strings.Cut(key, " ")
		kept, err := p.Of(learner)
		if err != nil {
			t.Fatalf("Of(%q) after kill -9: %v", learner, err)
		}
		if kept[v.Step] != v {
			lost++
			if lost <= 3 {
				t.Errorf("after kill -9, %s's verdict of %s is %+v; want the acknowledged %+v", learner, v.Step, kept[v.Step], v)
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged verdicts were lost: answer 200 only once Record has returned", lost, len(latest))
	}
}
