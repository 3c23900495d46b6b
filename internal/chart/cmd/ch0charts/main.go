// Command ch0charts measures, on the machine it runs on, what chapter 0 of
// the book shows, and draws it: the cost of starting goroutines, loopback
// HTTP requests per second and their latency by concurrency, the same load
// under GOMAXPROCS 1 and 2, and how far repeated runs of one benchmark
// disagree. Each chart names the machine (CPU model, logical CPUs, Go
// version) and is written twice into the output folder: NAME.svg for the web
// and NAME.txt, the text fallback the lessons paste below the image.
//
//	go run ./internal/chart/cmd/ch0charts [-out assets/ch00] [-quick]
//
// It takes about half a minute and loads every CPU: run it on a quiet
// machine, and expect the numbers to move between runs (lesson 0.3 says how
// much). -quick measures far less, for a test of the program itself.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/chart"
)

func main() {
	out := flag.String("out", filepath.Join("assets", "ch00"), "the folder to write the charts into")
	quick := flag.Bool("quick", false, "measure briefly (for testing the program, not for the book)")
	flag.Parse()
	if err := run(*out, *quick, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ch0charts:", err)
		os.Exit(1)
	}
}

// textWidth is the text fallback's width: an 80-column terminal, less the
// indent a lesson viewer gives a code block.
const textWidth = 76

// run measures and writes every chart into dir, logging what it does to log.
func run(dir string, quick bool, log *os.File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	m := describeMachine()
	p := plan(quick)
	fmt.Fprintf(log, "measuring on %s\n", m)
	start := time.Now()
	charts := map[string]*chart.Chart{}
	var err error
	if charts["spawn-cost"], err = spawnChart(m, p); err != nil {
		return err
	}
	rate, latency, err := loopbackCharts(m, p, log)
	if err != nil {
		return err
	}
	charts["loopback-rate"], charts["loopback-latency"] = rate, latency
	if charts["gomaxprocs"], err = procsChart(m, p); err != nil {
		return err
	}
	if charts["bench-noise"], err = noiseChart(m, p); err != nil {
		return err
	}
	for name, c := range charts {
		if err := write(dir, name, c); err != nil {
			return err
		}
		txt, _ := c.Text(textWidth)
		fmt.Fprintf(log, "\n%s", txt)
	}
	fmt.Fprintf(log, "\nstack memory per parked goroutine (10,000 of them): %.0f bytes\n", stackPerGoroutine(10_000))
	fmt.Fprintf(log, "\nwrote %d charts to %s in %v\n", len(charts), dir, time.Since(start).Round(time.Second))
	return nil
}

// write saves c as dir/name.svg and dir/name.txt.
func write(dir, name string, c *chart.Chart) error {
	f, err := os.Create(filepath.Join(dir, name+".svg"))
	if err != nil {
		return err
	}
	if err := c.SVG(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	txt, err := c.Text(textWidth)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".txt"), []byte(txt), 0o644)
}
