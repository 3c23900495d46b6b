package fast

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultProcs returns the GOMAXPROCS the Go runtime (1.25 and later) picks
// on Linux for a process that may use cpus logical CPUs (the machine's, or
// fewer by its affinity mask) and whose cgroup v2 cpu.max file holds cpuMax:
// "max 100000" (no limit) or "QUOTA PERIOD" in microseconds, "150000 100000"
// being 1.5 CPUs. The limit is rounded up to a whole CPU, never taken below 2
// (unless cpus itself is below 2), and never above cpus. A cpuMax that is not
// one of those forms is an error.
func DefaultProcs(cpus int, cpuMax string) (int, error) {
	if cpus < 1 {
		return 0, fmt.Errorf("fast: %d CPUs: a process has at least one", cpus)
	}
	f := strings.Fields(cpuMax)
	if len(f) != 2 {
		return 0, fmt.Errorf("fast: cpu.max %q: want \"max PERIOD\" or \"QUOTA PERIOD\"", cpuMax)
	}
	period, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || period <= 0 {
		return 0, fmt.Errorf("fast: cpu.max %q: the period must be a positive number of microseconds", cpuMax)
	}
	if f[0] == "max" {
		return cpus, nil
	}
	quota, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || quota <= 0 {
		return 0, fmt.Errorf("fast: cpu.max %q: the quota must be \"max\" or a positive number of microseconds", cpuMax)
	}
	limit := quota / period
	if quota%period != 0 {
		limit++ // 1.5 CPUs of time need 2 threads running to be used
	}
	procs := int64(cpus)
	if limit < procs {
		procs = max(limit, 2)
	}
	return int(min(procs, int64(cpus))), nil
}
