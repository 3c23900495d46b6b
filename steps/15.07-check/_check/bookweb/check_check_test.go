package bookweb

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// checkBook returns a book whose index lists n steps of random ids, and the ids.
func checkBook(t *testing.T, n int) (*Book, fstest.MapFS, []string) {
	t.Helper()
	dir, idx := loadBookDir(t, 1)
	var ids []string
	for i := range n {
		id := fmt.Sprintf("15.%02d-s%d", i+1, rand.IntN(100000))
		ids = append(ids, id)
		idx.Steps = append(idx.Steps, Step{ID: id, Title: "step " + id, Page: idx.Pages[1].URL})
	}
	idx.Pages[1].Steps = ids
	data, err := json.Marshal(idx)
	if err != nil {
		t.Fatal(err)
	}
	dir["book.json"] = &fstest.MapFile{Data: data}
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return b, dir, ids
}

// fakeChecker is a Checker that answers a verdict of its own making and counts its calls.
type fakeChecker struct {
	mu    sync.Mutex
	calls []string
	fail  error // returned instead of a verdict when set
}

func (f *fakeChecker) check(_ context.Context, step string) (Verdict, error) {
	f.mu.Lock()
	f.calls = append(f.calls, step)
	f.mu.Unlock()
	if f.fail != nil {
		return Verdict{}, f.fail
	}
	ok := rand.IntN(2) == 0
	status := map[bool]string{true: "passed", false: "failed"}[ok]
	return Verdict{Step: step, Status: status, Passed: ok, Headline: fmt.Sprintf("%s %d", status, rand.Int64())}, nil
}

func (f *fakeChecker) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// browser is a client with its own cookies: one learner.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second}
}

// post sends POST url with client and returns the status and the body.
func post(t *testing.T, client *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := client.Post(url, "", nil)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 1<<16)
	for {
		n, err := resp.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, sb.String()
}

func TestCheckRunsKeepsAndAnswers(t *testing.T) {
	b, _, ids := checkBook(t, 3)
	p, err := OpenProgress(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	fake := &fakeChecker{}
	srv := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Progress: p, Check: fake.check}))
	defer srv.Close()
	ada := browser(t)
	me := sessionsMe(t, ada, srv.URL)
	step := ids[rand.IntN(len(ids))]
	code, body := post(t, ada, srv.URL+"/check/"+step)
	if code != http.StatusOK {
		t.Fatalf("POST /check/%s = %d %q, want 200 with the verdict", step, code, body)
	}
	var got Verdict
	if err := json.Unmarshal([]byte(body), &got); err != nil || got.Step != step || got.Headline == "" {
		t.Fatalf("POST /check/%s answered %q; want the checker's verdict as JSON", step, body)
	}
	if fake.count() != 1 {
		t.Fatalf("the checker ran %d times for one POST, want 1", fake.count())
	}
	kept, err := p.Of(me)
	if err != nil || kept[step] != got {
		t.Errorf("Progress.Of(the learner) = %v, %v; want %s's verdict %+v kept (Record it before answering)", kept, err, step, got)
	}
	resp, err := ada.Get(srv.URL + "/progress")
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]Verdict
	json.NewDecoder(resp.Body).Decode(&all)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(all) != 1 || all[step] != got {
		t.Errorf("GET /progress = %d %v, want 200 with {%q: the verdict}", resp.StatusCode, all, step)
	}
	if code, _ := post(t, ada, srv.URL+"/check/15.99-not-a-step"); code != http.StatusNotFound || fake.count() != 1 {
		t.Errorf("POST /check of a step the book does not have = %d (checker ran %d times); want 404 before running anything", code, fake.count())
	}
	if code, _ := post(t, browser(t), srv.URL+"/progress"); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /progress = %d, want 405", code)
	}
	other := browser(t)
	resp, err = other.Get(srv.URL + "/progress")
	if err != nil {
		t.Fatal(err)
	}
	all = nil
	json.NewDecoder(resp.Body).Decode(&all)
	resp.Body.Close()
	if len(all) != 0 {
		t.Errorf("GET /progress from another learner = %v, want {} (each learner sees their own)", all)
	}
}

func TestCheckErrors(t *testing.T) {
	b, _, ids := checkBook(t, 1)
	srv := httptest.NewServer(New(b, Options{Logger: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	if code, _ := post(t, browser(t), srv.URL+"/check/"+ids[0]); code != http.StatusServiceUnavailable {
		t.Errorf("POST /check on New(b, opts), which has no checker = %d, want 503 (New returns Edition(b, opts, Services{}))", code)
	}
	p, err := OpenProgress(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	fake := &fakeChecker{fail: errors.New("no learn here")}
	srv2 := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Progress: p, Check: fake.check}))
	defer srv2.Close()
	ada := browser(t)
	me := sessionsMe(t, ada, srv2.URL)
	if code, body := post(t, ada, srv2.URL+"/check/"+ids[0]); code != http.StatusBadGateway || !strings.Contains(body, "no learn here") {
		t.Errorf("POST /check when the checker fails = %d %q, want 502 saying why", code, body)
	}
	if kept, _ := p.Of(me); len(kept) != 0 {
		t.Errorf("a check that could not run kept %v; want nothing kept", kept)
	}
}

// The fake learn: the test binary runs itself as a child process, which lands here.
func TestHelperFakeLearn(t *testing.T) {
	mode := os.Getenv("BOOKWEB_FAKE_LEARN")
	if mode == "" {
		return // not a child: nothing to do
	}
	args := flag.Args() // STEP --json
	if len(args) != 2 || args[1] != "--json" {
		fmt.Fprintf(os.Stderr, "fake learn: want STEP --json, got %q\n", args)
		os.Exit(2)
	}
	step := args[0]
	v := func(s string) string {
		data, _ := json.Marshal(Verdict{Step: s, Status: "failed", Headline: fmt.Sprintf("%s nonce %d", s, rand.Int64())})
		return string(data)
	}
	switch mode {
	case "verdict": // noise, then the verdict; exits 1 as learn check does for a failing step
		fmt.Println("warming up…")
		fmt.Println(v(step))
		os.Exit(1)
	case "other":
		fmt.Println(v("15.99-another"))
	case "silent":
		os.Exit(3)
	case "hang":
		time.Sleep(time.Minute)
	case "flood":
		os.Stdout.Write([]byte(strings.Repeat("x", 8<<20)))
	case "wait": // for the shutdown check: says it started, waits to be let go
		dir := os.Getenv("BOOKWEB_FAKE_DIR")
		os.WriteFile(dir+"/started", nil, 0o644)
		for range 6000 {
			if _, err := os.Stat(dir + "/go"); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		fmt.Println(v(step))
	}
	os.Exit(0)
}

// fakeLearn is the command line that runs TestHelperFakeLearn in a child process.
func fakeLearn(t *testing.T, mode string) []string {
	t.Setenv("BOOKWEB_FAKE_LEARN", mode)
	return []string{os.Args[0], "-test.run=^TestHelperFakeLearn$", "--"}
}

func TestCommandChecker(t *testing.T) {
	step := fmt.Sprintf("15.%02d-x%d", rand.IntN(99), rand.IntN(1000))
	v, err := CommandChecker(fakeLearn(t, "verdict"), time.Minute)(t.Context(), step)
	if err != nil || v.Step != step || !strings.HasPrefix(v.Headline, step+" nonce") {
		t.Errorf("CommandChecker with a command that prints a line, then the verdict, and exits 1 = %+v, %v; want the verdict (exit 1 is a failing step, not an error)", v, err)
	}
	for mode, want := range map[string]string{"other": "15.99-another", "silent": "no verdict", "flood": "no verdict"} {
		_, err := CommandChecker(fakeLearn(t, mode), time.Minute)(t.Context(), step)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CommandChecker with a command that %s = %v; want an error mentioning %q", map[string]string{
				"other": "answers another step's verdict", "silent": "prints nothing and exits 3",
				"flood": "prints 8 MiB with no newline"}[mode], err, want)
		}
	}
	start := time.Now()
	_, err = CommandChecker(fakeLearn(t, "hang"), 300*time.Millisecond)(t.Context(), step)
	if err == nil || time.Since(start) > 20*time.Second {
		t.Errorf("CommandChecker with a command that hangs, timeout 300ms = %v after %v; want an error once the timeout kills it", err, time.Since(start).Round(time.Millisecond))
	}
	if _, err := CommandChecker(nil, time.Minute)(t.Context(), step); err == nil {
		t.Error("CommandChecker(nil) ran without error; want one (no command)")
	}
}
