package suite

import "testing"

var _ = mutationFile("hits.go", "dc9f281eeda5fd2ec47bd1abb445e28585273a45046f3f87dbf0564d780cb995")

func TestHitsTestsCatchRaces(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestHitsConcurrent"},
		file:  "hits_test.go",
		race:  true,
		mutants: []mutant{
			{file: "hits.go", old: "\th.mu.Lock()\n\tif h.counts == nil {\n\t\th.counts = map[string]int{}\n\t}\n\th.counts[path]++\n\th.mu.Unlock()",
				new: "\tif h.counts == nil {\n\t\th.counts = map[string]int{}\n\t}\n\th.counts[path]++",
				bug: "Add takes no lock (run Add from many goroutines at once)"},
			{file: "hits.go", old: "func (h *Hits) Count(path string) int {\n\th.mu.Lock()\n\tdefer h.mu.Unlock()\n", new: "func (h *Hits) Count(path string) int {\n",
				bug: "Count reads without the lock (call it while Add runs in other goroutines)"},
			{file: "hits.go", old: "return maps.Clone(h.counts)", new: "_ = maps.Clone[map[string]int]\n\treturn h.counts",
				bug: "Snapshot returns the live map, not a copy (read a snapshot while Add runs)"},
		},
	})
}
