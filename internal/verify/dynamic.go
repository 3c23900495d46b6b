package verify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// cacheVersion names the meaning of a cached verdict. Bump it when the checker or Dynamic change
// how a verdict is reached, so that no verdict of the old meaning is reused.
const cacheVersion = "learn-verify 2"

// Dynamic runs the step's check on the state before the step (it must fail with a test failure,
// in every test of the step's own check files) and every active check of its package on the state
// after it (they must pass). The starter's verdict is returned so authors can read the
// learner-facing message.
func (v *Verifier) Dynamic(ctx context.Context, s *steps.Step) (starter *checker.Result, errs []error) {
	// Before: the previous reference plus the starter, with the check files a learner has then.
	var prev *steps.Step
	for _, t := range v.Book.Package(s.Package) {
		if t.Index < s.Index {
			prev = t
		}
	}
	var checks []*steps.Step
	if prev != nil {
		checks = v.Book.Active(prev)
	}
	before, err := v.run(ctx, s.ID+"-before", v.withImports(s, v.Book.StateBefore(s), checks), checks, s)
	if err != nil {
		return nil, []error{fmt.Errorf("starter: %w", err)}
	}
	switch {
	case before.Status == checker.Passed:
		errs = append(errs, errors.New("starter: the check passes before the step is done (a check that cannot fail)"))
	case before.Status != checker.Failed || before.Flooded:
		errs = append(errs, fmt.Errorf("starter: the check %s, want a test failure that says what is missing\n%s",
			before.Headline(), indent(before.Details())))
	case strings.TrimSpace(before.Details()) == "":
		errs = append(errs, errors.New("starter: the check fails without a message"))
	default:
		passed := passedTopLevel(before)
		for _, name := range passed {
			if !slices.Contains(s.Guards, name) {
				errs = append(errs, fmt.Errorf("starter: %s passes before the step is done: it checks nothing the step adds "+
					"(make it check this step's work, move it to the step that makes it pass, or, if it guards "+
					"against an over-eager solution, list it in step.json's guards)", name))
			}
		}
		for _, name := range s.Guards {
			if !slices.Contains(passed, name) {
				errs = append(errs, fmt.Errorf("starter: %s is listed in guards but does not pass before the step", name))
			}
		}
	}

	// After: the reference, with every active check.
	after, err := v.run(ctx, s.ID+"-after", v.withImports(s, v.Book.StateAfter(s.Package, s), v.Book.Active(s)),
		v.Book.Active(s), v.Book.Active(s)...)
	if err != nil {
		return before, append(errs, fmt.Errorf("reference: %w", err))
	}
	if after.Status != checker.Passed {
		errs = append(errs, fmt.Errorf("reference: the checks through this step %s\n%s", after.Headline(), indent(after.Details())))
	}
	return before, errs
}

// withImports adds to a state the workspace packages its files and the checks of present import
// (the capstone's velocy, logtar, ...), as they stand before s: see steps.Book.WithImports. The
// check files themselves are added by run.
func (v *Verifier) withImports(s *steps.Step, state map[string][]byte, present []*steps.Step) map[string][]byte {
	probe := maps.Clone(state)
	for _, t := range present {
		for _, f := range t.Check {
			probe[f.Path] = f.Data
		}
	}
	for _, f := range s.Check {
		probe[f.Path] = f.Data
	}
	all := v.Book.WithImports(s, probe)
	for p := range all {
		if _, ok := probe[p]; ok {
			if _, keep := state[p]; !keep {
				delete(all, p) // a check file: run adds the ones it needs
			}
		}
	}
	return all
}

// passedTopLevel returns the top-level tests that passed in a result.
func passedTopLevel(res *checker.Result) []string {
	var out []string
	for _, t := range res.Tests {
		if !strings.Contains(t.Name, "/") && t.Outcome == "pass" {
			out = append(out, t.Name)
		}
	}
	return out
}

// run checks the given steps in a workspace holding files plus the check files of present. The
// workspace is a folder of its own for each use (name), kept between runs under the Verifier's
// work folder, so that the go command's build cache recognises an unchanged package. With a
// cache, a verdict already reached for exactly these inputs is reused instead.
func (v *Verifier) run(ctx context.Context, name string, files map[string][]byte, present []*steps.Step, run ...*steps.Step) (*checker.Result, error) {
	all := map[string][]byte{"go.mod": []byte(steps.GoMod)}
	for p, d := range files {
		all[p] = d
	}
	for _, t := range present {
		for _, f := range t.Check {
			all[f.Path] = f.Data
		}
	}
	req := checker.Request{Package: run[0].Package, Files: map[string][]byte{}, GoCmd: v.GoCmd}
	for _, t := range run {
		req.Timeout = max(req.Timeout, t.Timeout)
		for _, f := range t.Check {
			req.Files[f.Path] = f.Data
		}
	}
	key := v.cacheKey(all, req)
	if res := v.cached(key); res != nil {
		return res, nil
	}
	dir, cleanup, err := v.workspace(name)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	for p, d := range all {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(full, d, 0o644); err != nil {
			return nil, err
		}
	}
	req.Dir = dir
	res, err := checker.Run(ctx, req)
	if err != nil {
		return nil, err
	}
	expected := res.Status == checker.Failed && !res.Flooded
	if strings.HasSuffix(name, "-after") {
		expected = res.Status == checker.Passed
	}
	v.store(key, res, expected)
	return res, nil
}

// cacheKey hashes everything a verdict depends on: the files of the workspace, the checks run,
// their time limit, and the go command's version.
func (v *Verifier) cacheKey(files map[string][]byte, req checker.Request) string {
	if v.Cache == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%v\n", cacheVersion, v.goVersion(), req.Package, req.Timeout)
	write := func(kind string, m map[string][]byte) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fmt.Fprintf(h, "%s %s %d\n", kind, k, len(m[k]))
			h.Write(m[k])
		}
	}
	write("file", files)
	write("check", req.Files)
	return hex.EncodeToString(h.Sum(nil))
}

func (v *Verifier) goVersion() string {
	v.versionOnce.Do(func() {
		goCmd := v.GoCmd
		if goCmd == "" {
			goCmd = "go"
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, goCmd, "env", "GOVERSION", "GOOS", "GOARCH").Output()
		if err != nil {
			v.version = "unknown " + err.Error()
			return
		}
		v.version = strings.Join(strings.Fields(string(out)), " ")
	})
	return v.version
}

// cached returns the verdict stored under key, or nil.
func (v *Verifier) cached(key string) *checker.Result {
	if key == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(v.Cache, key[:2], key+".json"))
	if err != nil {
		return nil
	}
	var res checker.Result
	if json.Unmarshal(data, &res) != nil || res.Status == 0 {
		return nil
	}
	v.hits.Add(1)
	return &res
}

// store keeps a verdict under key, only when it is the expected one (a starter that fails, a
// reference that passes): an unexpected verdict is run again next time, in case it was the
// machine's fault.
func (v *Verifier) store(key string, res *checker.Result, expected bool) {
	v.misses.Add(1)
	if key == "" || !expected {
		return
	}
	data, err := json.Marshal(res)
	if err != nil {
		return
	}
	p := filepath.Join(v.Cache, key[:2], key+".json")
	if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
		tmp := p + ".tmp"
		if os.WriteFile(tmp, data, 0o644) == nil {
			os.Rename(tmp, p)
		}
	}
}

// CacheStats returns how many verdicts came from the cache and how many were run.
func (v *Verifier) CacheStats() (hits, runs int64) { return v.hits.Load(), v.misses.Load() }

// DefaultCache returns the cache and work folders for the dynamic check: setting is a folder, or
// "off" for no cache (fresh temporary workspaces too), or "" for the user's cache folder
// (~/.cache/learn-go-hard-way/verify on Linux).
func DefaultCache(setting string) (cache, work string) {
	switch setting {
	case "off":
		return "", ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", ""
		}
		setting = filepath.Join(base, "learn-go-hard-way", "verify")
	}
	return filepath.Join(setting, "verdicts"), filepath.Join(setting, "work")
}
