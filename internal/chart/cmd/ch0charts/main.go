// Command ch0charts measures, on the machine it runs on, what chapter 0 of
// the book shows, and draws it: the cost of starting goroutines, loopback
// HTTP requests per second and their latency by concurrency, the same load
// under GOMAXPROCS 1 and 2, and how far repeated runs of one benchmark
// disagree. Each chart names the machine (CPU model, logical CPUs, Go
// version) and is written twice into the output folder: NAME.svg for the web
// and NAME.txt, the text fallback the lessons paste below the image.
//
//	go run ./internal/chart/cmd/ch0charts [-out assets/ch00] [-quick]
//	go run ./internal/chart/cmd/ch0charts -redraw [-out assets/ch00]
//
// It takes about half a minute and loads every CPU: run it on a quiet
// machine, and expect the numbers to move between runs (lesson 0.3 says how
// much). -quick measures far less, for a test of the program itself. The
// measurements are kept in charts.json beside the images, with the notes
// the lessons quote; -redraw draws the images again from that file without
// measuring, for a change to the drawing code. Either way it then pastes
// each NAME.txt into the text block below NAME.svg's image in the lessons
// of -lessons (chapters/ch00), which a test of package assets insists on.
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
	redraw := flag.Bool("redraw", false, "draw again from OUT/charts.json, measuring nothing")
	lessons := flag.String("lessons", filepath.Join("chapters", "ch00"), "paste the text fallbacks into the lessons here (\"\" for none)")
	flag.Parse()
	var err error
	if *redraw {
		err = redrawAll(*out)
	} else {
		err = run(*out, *quick, os.Stdout)
	}
	if err == nil && *lessons != "" {
		var n int
		n, err = paste(*out, *lessons)
		fmt.Printf("pasted %d changed text fallbacks into %s\n", n, *lessons)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ch0charts:", err)
		os.Exit(1)
	}
}

// textWidth is the text fallback's width: an 80-column terminal, less the
// indent a lesson viewer gives a code block.
const textWidth = chart.TextWidth

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
	rate, latency, notes, err := loopbackCharts(m, p)
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
	notes = append(notes, fmt.Sprintf("stack memory per parked goroutine (10,000 of them): %.0f bytes", stackPerGoroutine(10_000)))
	set := chart.Set{Machine: m, Charts: charts, Notes: notes}
	if err := writeSet(dir, &set); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(log, n)
	}
	fmt.Fprintf(log, "\nwrote %d charts to %s in %v\n", len(charts), dir, time.Since(start).Round(time.Second))
	return nil
}

// writeSet saves the set as dir/charts.json and draws every chart of it
// into dir/NAME.svg and dir/NAME.txt.
func writeSet(dir string, set *chart.Set) error {
	data, err := set.Marshal()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "charts.json"), data, 0o644); err != nil {
		return err
	}
	files, err := set.Draw(textWidth)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// redrawAll draws dir/charts.json again.
func redrawAll(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, "charts.json"))
	if err != nil {
		return err
	}
	set, err := chart.UnmarshalSet(data)
	if err != nil {
		return err
	}
	return writeSet(dir, set)
}
