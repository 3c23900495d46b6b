package fast

// DefaultProcs returns the GOMAXPROCS the Go runtime (1.25 and later) picks
// on Linux for a process that may use cpus logical CPUs (the machine's, or
// fewer by its affinity mask) and whose cgroup v2 cpu.max file holds cpuMax:
// "max 100000" (no limit) or "QUOTA PERIOD" in microseconds, "150000 100000"
// being 1.5 CPUs. The limit is rounded up to a whole CPU, never taken below 2
// (unless cpus itself is below 2), and never above cpus. A cpuMax that is not
// one of those forms is an error.
func DefaultProcs(cpus int, cpuMax string) (int, error) {
	// TODO(00.02-default-procs): check cpus >= 1; split cpuMax into its
	// fields; "max" means no limit; else quota/period CPUs, rounded up,
	// then the floor of 2 and the ceiling of cpus.
	return 0, nil
}
