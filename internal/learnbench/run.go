package learnbench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Options say what to measure and how.
type Options struct {
	Workspace string      // the learner's workspace (a module named "workspace")
	Book      *steps.Book // the steps, from which the reference is rebuilt
	Packages  []string    // the suites to run (Select); all when empty
	GoCmd     string      // the go command; "go" when empty
	Env       []string    // added to the go command's environment (tests: GOPROXY=off)
	BenchTime string      // per contender and round: a duration ("100ms", the default) or "Nx" iterations
	Count     int         // rounds per group, the fastest reported; 3 when 0
	Offline   bool        // do not try the third-party contenders
	// ProxyTimeout bounds the resolution of the third-party module (default 20s).
	ProxyTimeout time.Duration
	// Timeout bounds building and running the program (default 5 minutes).
	Timeout time.Duration
	// Dir is where the module is written; a temporary folder, removed after, when empty.
	Dir string
	// Log receives one line per stage while Run works (nil: nothing).
	Log io.Writer
}

// A Result is one contender in one group: its time, or why it was not timed.
type Result struct {
	Group     string  `json:"group"`
	Contender string  `json:"contender"`
	Kind      string  `json:"kind"` // "yours", "reference", "std" or "third"
	N         int     `json:"n,omitempty"`
	NsPerOp   float64 `json:"ns,omitempty"`
	Bytes     int64   `json:"bytes"`
	Allocs    int64   `json:"allocs"`
	Spread    float64 `json:"spread,omitempty"` // its slowest round over its fastest
	Err       string  `json:"err,omitempty"`    // not timed: it did the work wrong, or panicked
}

// A Report is one run of learn bench.
type Report struct {
	Env      string   // the machine and the settings, one line
	Packages []string // the suites run
	Notes    []string // contenders left out, and why
	Results  []Result
}

// ErrNoWorkspace is returned, wrapped, when the workspace does not exist.
var ErrNoWorkspace = errors.New("no workspace")

func (o *Options) defaults() {
	if o.GoCmd == "" {
		o.GoCmd = "go"
	}
	if o.BenchTime == "" {
		o.BenchTime = "100ms"
	}
	if o.Count == 0 {
		o.Count = 3
	}
	if o.ProxyTimeout == 0 {
		o.ProxyTimeout = 20 * time.Second
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Minute
	}
	if len(o.Packages) == 0 {
		for _, s := range Suites {
			o.Packages = append(o.Packages, s.Package)
		}
	}
}

// Run prepares the module, builds the program, runs it and returns what it measured. The
// learner's code that is missing or does not build is left out with a note naming the step to
// finish; only a problem with the workspace itself, the go command or the reference is an error.
func Run(ctx context.Context, o Options) (*Report, error) {
	o.defaults()
	if !validBenchTime(o.BenchTime) {
		return nil, fmt.Errorf("bench: --benchtime %q is neither a duration (100ms) nor a count of iterations (50x)", o.BenchTime)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	if o.Dir == "" {
		dir, err := os.MkdirTemp("", "learn-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		o.Dir = dir
	}
	m, notes, err := Prepare(ctx, o)
	if err != nil {
		return nil, err
	}
	rep := &Report{Packages: o.Packages, Notes: notes,
		Env: fmt.Sprintf("%s %s/%s, %d CPUs, GOMAXPROCS 1, best of %d × %s%s", runtime.Version(),
			runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), o.Count, o.BenchTime, loadAverage())}
	o.logf("building the benchmark program")
	bin := filepath.Join(m.Dir, "learnbench.bin")
	if out, err := o.goCmd(ctx, m.Dir, "build", "-o", bin, "."); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bench: stopped after %s while building: %w", o.Timeout, ctx.Err())
		}
		return nil, fmt.Errorf("bench: the benchmark program does not build (a bug in learn, please report it):\n%s", out)
	}
	var groups []string
	for _, p := range o.Packages {
		su, _ := suite(p)
		for _, g := range su.Groups {
			groups = append(groups, g.Name)
		}
	}
	o.logf("running %s (%s each)", plural(len(groups), "benchmark"), o.BenchTime)
	// The results go to a file: whatever the learner's code prints goes to a capped buffer and
	// cannot be mistaken for them.
	results := filepath.Join(m.Dir, "results.jsonl")
	cmd := exec.CommandContext(ctx, bin, "-groups", strings.Join(groups, ","), "-benchtime", o.BenchTime,
		"-count", fmt.Sprint(o.Count), "-out", results)
	setProcessGroup(cmd)
	var stderr bytes.Buffer
	cmd.Stdout = &limited{w: io.Discard, n: 0}
	cmd.Stderr = &limited{w: &stderr, n: 64 << 10}
	err = cmd.Run()
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("bench: stopped after %s: %w (is a router or logger stuck in a loop?)", o.Timeout, ctx.Err())
	case ctx.Err() != nil:
		return nil, fmt.Errorf("bench: interrupted: %w", ctx.Err())
	}
	if f, ferr := os.Open(results); ferr == nil {
		rep.Results, _ = ParseResults(io.LimitReader(f, 4<<20))
		f.Close()
	}
	if err != nil {
		return rep, fmt.Errorf("bench: the benchmark program failed (%v):\n%s", err, tail(stderr.String(), 20))
	}
	return rep, nil
}

// Prepare writes the module into o.Dir, resolves the third-party contenders unless o.Offline,
// and leaves out the workspace's packages that are missing or do not build, with a note each.
func Prepare(ctx context.Context, o Options) (*Module, []string, error) {
	o.defaults()
	ws, err := filepath.Abs(o.Workspace)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(filepath.Join(ws, "go.mod")); err != nil {
		return nil, nil, fmt.Errorf("bench: %w at %s (run learn once to create it, or pass --dir): %v", ErrNoWorkspace, o.Workspace, err)
	}
	var notes, yours []string
	for _, p := range o.Packages {
		if hasGoFiles(filepath.Join(ws, p)) {
			yours = append(yours, p)
			continue
		}
		notes = append(notes, fmt.Sprintf("your %s: %s/%s has no Go files yet; %s", p, o.Workspace, p, finish(o.Book, p)))
	}
	o.logf("writing the benchmark module in %s", o.Dir)
	m, err := generate(o.Dir, o.Book, ws, o.Packages, yours)
	if err != nil {
		return nil, nil, fmt.Errorf("bench: %w", err)
	}
	if !o.Offline {
		if note := m.resolveThird(ctx, o, ws); note != "" {
			notes = append(notes, note)
		}
	}
	for _, p := range slices.Clone(m.Yours) {
		o.logf("compiling your %s", p)
		out, err := o.goCmd(ctx, m.Dir, "build", "./yours"+p)
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		su, _ := suite(p)
		notes = append(notes, fmt.Sprintf("your %s does not build with the calls the benchmark makes (%s):\n%s\n%s",
			p, su.API, indent(tail(strings.ReplaceAll(out, m.Dir+string(filepath.Separator), ""), 8)), finish(o.Book, p)))
		if err := m.dropYours(p, ws); err != nil {
			return nil, nil, err
		}
	}
	for _, p := range m.Yours {
		if sameAsReference(o.Book, ws, p) {
			notes = append(notes, fmt.Sprintf("your %s is the reference, byte for byte: the gap between their two rows is the noise of this machine", p))
		}
	}
	return m, notes, nil
}

// sameAsReference reports whether the workspace's package pkg has exactly the reference's
// non-test Go files.
func sameAsReference(book *steps.Book, ws, pkg string) bool {
	line := book.Package(pkg)
	if len(line) == 0 {
		return false
	}
	want := map[string][]byte{}
	for p, data := range book.StateAfter(pkg, line[len(line)-1]) {
		if rest, ok := strings.CutPrefix(p, pkg+"/"); ok && isSource(rest) {
			want[rest] = data
		}
	}
	entries, err := os.ReadDir(filepath.Join(ws, pkg))
	if err != nil {
		return false
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !isSource(e.Name()) {
			continue
		}
		n++
		data, err := os.ReadFile(filepath.Join(ws, pkg, e.Name()))
		if err != nil || !bytes.Equal(data, want[e.Name()]) {
			return false
		}
	}
	return n == len(want)
}

// resolveThird adds the third-party module and downloads what it needs within o.ProxyTimeout.
// It returns a note when they are left out.
func (m *Module) resolveThird(ctx context.Context, o Options, ws string) string {
	const who = "httprouter, chi, zerolog and zap"
	if err := m.addThird(); err != nil {
		return fmt.Sprintf("%s: left out (%v)", who, err)
	}
	o.logf("fetching %s (at most %s)", who, o.ProxyTimeout)
	tctx, cancel := context.WithTimeout(ctx, o.ProxyTimeout)
	defer cancel()
	out, err := o.goCmd(tctx, filepath.Join(m.Dir, "third"), "mod", "tidy")
	if err != nil {
		why := goReason(out)
		if tctx.Err() != nil {
			why = fmt.Sprintf("no answer in %s", o.ProxyTimeout)
		}
		return fmt.Sprintf("%s: left out, they could not be fetched (%s); the reference and the standard library are measured", who, why)
	}
	if err := m.useThird(ws); err != nil {
		return fmt.Sprintf("%s: left out (%v)", who, err)
	}
	return ""
}

// loadAverage returns ", load N" with the system's one-minute load average, where the system
// tells it (Linux), else "".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		return ", load " + f[0]
	}
	return ""
}

// validBenchTime reports whether s is what go test's -benchtime takes: a positive duration, or
// a positive count followed by x.
func validBenchTime(s string) bool {
	if n, ok := strings.CutSuffix(s, "x"); ok {
		k, err := strconv.Atoi(n)
		return err == nil && k > 0
	}
	d, err := time.ParseDuration(s)
	return err == nil && d > 0
}

// finish names the step after which the reference has the API the benchmark calls.
func finish(book *steps.Book, pkg string) string {
	if s := FirstStep(book, pkg); s != nil {
		return fmt.Sprintf("finish step %s first (learn check %s)", s.ID, s.ID)
	}
	return "finish its steps first"
}

// goCmd runs the go command in dir with the module settings learn bench needs, and returns its
// combined output.
func (o *Options) goCmd(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, o.GoCmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "CGO_ENABLED=0")
	cmd.Env = append(cmd.Env, o.Env...)
	setProcessGroup(cmd)
	var out bytes.Buffer
	cmd.Stdout = &limited{w: &out, n: 64 << 10}
	cmd.Stderr = cmd.Stdout
	err := cmd.Run()
	return out.String(), err
}

func (o *Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, "learn bench: "+format+"\n", args...)
	}
}

// ParseResults reads the program's output: one JSON Result per line. A line that is not one
// is skipped, and counted in the error.
func ParseResults(r io.Reader) ([]Result, error) {
	var out []Result
	bad := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var res Result
		if err := json.Unmarshal(line, &res); err != nil || res.Group == "" {
			bad++
			continue
		}
		out = append(out, res)
	}
	if err := sc.Err(); err != nil {
		return out, err
	}
	if bad > 0 {
		return out, fmt.Errorf("%d lines were not results", bad)
	}
	return out, nil
}

func hasGoFiles(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && isSource(e.Name()) {
			return true
		}
	}
	return false
}

// limited writes at most n bytes to w and drops the rest.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.n -= k
		l.w.Write(p[:k])
	}
	return len(p), nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("(%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string { return "    " + strings.ReplaceAll(s, "\n", "\n    ") }

// goReason picks from the go command's output the line that says why it failed: the last one
// that is not progress, shortened from the left to fit a note.
func goReason(out string) string {
	why := "no output"
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "go: downloading") && !strings.HasPrefix(l, "go: finding") {
			why = l
		}
	}
	if r := []rune(why); len(r) > 90 {
		why = "…" + string(r[len(r)-89:])
	}
	return why
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
