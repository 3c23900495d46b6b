// Command learnbench is written by learn bench into a throwaway module and run once: it measures
// every contender that registered itself (the register_*.go files present), one group at a time,
// and prints one JSON object per contender and group on standard output.
//
// Every contender gets the same work. Each is checked for correctness before it is timed: a
// router that routes wrong, or a logger that writes the wrong record, is reported with the reason
// and not timed.
package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// result is one line of output; learn bench decodes it.
type result struct {
	Group     string  `json:"group"`
	Contender string  `json:"contender"`
	Kind      string  `json:"kind"`
	N         int     `json:"n,omitempty"`
	NsPerOp   float64 `json:"ns,omitempty"`
	Bytes     int64   `json:"bytes"`
	Allocs    int64   `json:"allocs"`
	Spread    float64 `json:"spread,omitempty"` // slowest round over fastest
	Err       string  `json:"err,omitempty"`
}

// A contender is one implementation in one group: check says whether it does the group's work
// right (an error says how it does not), bench is the benchmark body.
type contender struct {
	name, kind string
	check      func() error
	bench      func(b *testing.B)
	done       func()
}

// A group is one benchmark: the same work for each of its contenders.
type group struct {
	name       string
	contenders func() []contender
}

var groups []group

func main() {
	testing.Init()
	only := flag.String("groups", "", "comma-separated groups to run (default: all)")
	benchtime := flag.String("benchtime", "200ms", "time per contender, or Nx for N iterations")
	count := flag.Int("count", 1, "rounds per group; the fastest is reported")
	procs := flag.Int("cpu", 1, "GOMAXPROCS while measuring")
	outPath := flag.String("out", "", "write the results to this file (default: standard output)")
	flag.Parse()
	runtime.GOMAXPROCS(max(*procs, 1))
	if err := flag.Set("test.benchtime", *benchtime); err != nil {
		fmt.Fprintln(os.Stderr, "learnbench:", err)
		os.Exit(2)
	}
	out := os.Stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, "learnbench:", err)
			os.Exit(2)
		}
		defer f.Close()
		out = f
	}
	enc := json.NewEncoder(out)
	order := groups
	if *only != "" {
		order = nil
		for _, name := range strings.Split(*only, ",") {
			if i := slices.IndexFunc(groups, func(g group) bool { return g.name == name }); i >= 0 {
				order = append(order, groups[i])
			}
		}
	}
	for _, g := range order {
		for _, r := range runGroup(g, max(*count, 1)) {
			if err := enc.Encode(r); err != nil {
				os.Exit(1)
			}
		}
	}
}

// runGroup checks every contender of g, then times those that passed, count rounds with the
// order rotated from round to round (the first benchmark of a process runs on a cold heap), and
// reports each one's fastest round: on a shared machine, other work only ever adds time, so the
// fastest round is the one least disturbed.
func runGroup(g group, count int) []result {
	cs := g.contenders()
	out := make([]result, len(cs))
	var timed []int
	for i, c := range cs {
		out[i] = result{Group: g.name, Contender: c.name, Kind: c.kind}
		if err := safely(c.check); err != nil {
			out[i].Err = err.Error()
			continue
		}
		timed = append(timed, i)
	}
	rounds := make([][]testing.BenchmarkResult, len(cs))
	for round := range count {
		for k := range timed {
			i := timed[(k+round)%len(timed)]
			if out[i].Err != "" {
				continue
			}
			r, err := measure(cs[i].bench)
			if err != nil {
				out[i].Err = err.Error()
				continue
			}
			rounds[i] = append(rounds[i], r)
		}
	}
	for i, c := range cs {
		if c.done != nil {
			c.done()
		}
		if out[i].Err != "" || len(rounds[i]) == 0 {
			continue
		}
		rs := rounds[i]
		slices.SortFunc(rs, func(a, b testing.BenchmarkResult) int { return cmp.Compare(perOp(a), perOp(b)) })
		m := rs[0]
		if len(rs) > 1 && m.NsPerOp() > 0 {
			out[i].Spread = perOp(rs[len(rs)-1]) / perOp(m)
		}
		out[i].N = m.N
		out[i].NsPerOp = perOp(m)
		out[i].Bytes = m.AllocedBytesPerOp()
		out[i].Allocs = m.AllocsPerOp()
	}
	return out
}

// perOp is the time per op in nanoseconds, with the fraction BenchmarkResult.NsPerOp drops.
func perOp(r testing.BenchmarkResult) float64 {
	return float64(r.T.Nanoseconds()) / float64(max(r.N, 1))
}

// measure runs one benchmark; a panic in it becomes an error, not a crash of the whole run.
func measure(f func(b *testing.B)) (r testing.BenchmarkResult, err error) {
	var panicked any
	r = testing.Benchmark(func(b *testing.B) {
		defer func() {
			if p := recover(); p != nil {
				panicked = p
			}
		}()
		b.ReportAllocs()
		f(b)
	})
	if panicked != nil {
		return r, fmt.Errorf("panicked while timed: %v", panicked)
	}
	return r, nil
}

// safely runs f, turning a panic into an error.
func safely(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panicked: %v", p)
		}
	}()
	return f()
}

// kindOrder is the order of the rows of a group: your code, the reference, the standard
// library, the third-party libraries.
var kindOrder = []string{"yours", "reference", "std", "third"}

// sortedByKind returns a copy of xs in kindOrder, stable within a kind.
func sortedByKind[T any](xs []T, kind func(T) string) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int {
		return slices.Index(kindOrder, kind(a)) - slices.Index(kindOrder, kind(b))
	})
	return out
}
