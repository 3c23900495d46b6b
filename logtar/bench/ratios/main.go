// Command ratios summarises the output of the logger benchmarks: for each
// scenario and library it prints the median ns/op over all runs, the
// allocations, and the ratio to zerolog measured in the same run.
//
//	cd logtar/bench
//	go test -bench . -benchmem -count 6 | tee bench.txt
//	go run ./ratios < bench.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// line matches "BenchmarkTenFields/logtar-2  123  456.7 ns/op  0 B/op  0 allocs/op".
var line = regexp.MustCompile(`^Benchmark(\w+)/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+(\d+) B/op\s+(\d+) allocs/op)?`)

type result struct {
	ns     []float64
	allocs int
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	results := map[string]map[string]*result{} // scenario -> library -> result
	var scenarios []string
	libraries := map[string][]string{}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		scenario, lib := m[1], m[2]
		ns, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			return err
		}
		if results[scenario] == nil {
			results[scenario] = map[string]*result{}
			scenarios = append(scenarios, scenario)
		}
		r := results[scenario][lib]
		if r == nil {
			r = &result{}
			results[scenario][lib] = r
			libraries[scenario] = append(libraries[scenario], lib)
		}
		r.ns = append(r.ns, ns)
		if m[5] != "" {
			allocs, _ := strconv.Atoi(m[5])
			r.allocs = max(r.allocs, allocs)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for _, scenario := range scenarios {
		fmt.Fprintf(out, "%s\n", scenario)
		base := results[scenario]["zerolog"]
		for _, lib := range libraries[scenario] {
			r := results[scenario][lib]
			ratio := ""
			if base != nil {
				ratio = fmt.Sprintf("%5.2fx zerolog", median(r.ns)/median(base.ns))
			}
			fmt.Fprintf(out, "  %-14s %10.1f ns/op %4d allocs/op  %s  (runs: %s)\n",
				lib, median(r.ns), r.allocs, ratio, runs(r.ns))
		}
	}
	return nil
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func runs(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.Join(parts, " ")
}
