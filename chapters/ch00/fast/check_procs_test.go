package fast

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// procsOracle is the runtime's rule written the long way round.
func procsOracle(cpus int, quota, period int64) int {
	if quota < 0 { // "max"
		return cpus
	}
	whole := quota / period
	if whole*period < quota {
		whole++
	}
	want := cpus
	if int64(cpus) > whole {
		want = int(whole)
	}
	if want < 2 {
		want = 2
	}
	if want > cpus {
		want = cpus
	}
	return want
}

func TestDefaultProcsLimits(t *testing.T) {
	for range 500 {
		cpus := 1 + rand.IntN(64)
		period := int64(1000 + rand.IntN(1000000))
		var quota int64
		var cpuMax string
		switch rand.IntN(4) {
		case 0:
			quota = -1
			cpuMax = fmt.Sprintf("max %d\n", period)
		case 1: // a whole number of CPUs
			quota = period * int64(1+rand.IntN(80))
			cpuMax = fmt.Sprintf("%d %d\n", quota, period)
		default:
			quota = 1 + rand.Int64N(period*70)
			cpuMax = fmt.Sprintf("%d %d\n", quota, period)
		}
		got, err := DefaultProcs(cpus, cpuMax)
		want := procsOracle(cpus, quota, period)
		if err != nil || got != want {
			why := "quota/period CPUs, rounded up, at least 2, at most cpus"
			if quota < 0 {
				why = "max means no limit: all the CPUs"
			}
			t.Fatalf("DefaultProcs(%d, %q) = %d, %v; want %d, nil (%s)", cpus, cpuMax, got, err, want, why)
		}
	}
}

func TestDefaultProcsRejects(t *testing.T) {
	bad := []string{"", "\n", "max", "100000", "max 0", "50000 0", "50000 -100000", "0 100000",
		"-50000 100000", "lots 100000", "50000 often", "1.5 1", "50000 100000 7", "max max"}
	for _, cpuMax := range bad {
		cpus := 1 + rand.IntN(16)
		if got, err := DefaultProcs(cpus, cpuMax); err == nil {
			t.Fatalf("DefaultProcs(%d, %q) = %d, nil; want an error: cpu.max is \"max PERIOD\" or \"QUOTA PERIOD\", both positive", cpus, cpuMax, got)
		}
	}
	for _, cpus := range []int{0, -rand.IntN(8) - 1} {
		if got, err := DefaultProcs(cpus, "max 100000"); err == nil {
			t.Fatalf("DefaultProcs(%d, \"max 100000\") = %d, nil; want an error: a process has at least one CPU", cpus, got)
		}
	}
}
