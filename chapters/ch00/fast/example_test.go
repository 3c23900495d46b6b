package fast_test

import (
	"fmt"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch00/fast"
)

func ExampleMedian() {
	// Ten runs of one benchmark in ns/op (lesson 0.3): one slow outlier.
	runs := []float64{4738, 5656, 4455, 4572, 6196, 5235, 8047, 5193, 5543, 5770}
	m, _ := fast.Median(runs)
	p90, _ := fast.Percentile(runs, 90)
	fmt.Printf("median %.0f, p90 %.1f\n", m, p90)
	// Output: median 5389, p90 6381.1
}

func ExampleDefaultProcs() {
	for _, cpuMax := range []string{"max 100000", "150000 100000", "50000 100000", "800000 100000"} {
		n, _ := fast.DefaultProcs(4, cpuMax)
		fmt.Printf("%-14q on 4 CPUs: GOMAXPROCS %d\n", cpuMax, n)
	}
	// Output:
	// "max 100000"   on 4 CPUs: GOMAXPROCS 4
	// "150000 100000" on 4 CPUs: GOMAXPROCS 2
	// "50000 100000" on 4 CPUs: GOMAXPROCS 2
	// "800000 100000" on 4 CPUs: GOMAXPROCS 4
}
