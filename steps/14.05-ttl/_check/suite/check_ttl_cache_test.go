package suite

import "testing"

var _ = mutationFile("ttl.go", "0bec14a0aecd4fd6ce3a9f5912b2fdee4da53fa20f876215d739412faa436ab1")

func TestTTLCacheTestsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestTTLCache"},
		file:  "ttl_test.go",
		needs: "synctest.Test(",
		why:   "the cache reads time.Now; run the test in a synctest bubble so its clock moves only when the test sleeps",
		mutants: []mutant{
			{file: "ttl.go", old: "if !ok || !time.Now().Before(e.expires) {", new: "if !ok || time.Now().After(e.expires) {",
				bug: "an entry is still there at exactly ttl after it was set"},
			{file: "ttl.go", old: "if !ok || !time.Now().Before(e.expires) {", new: "if !ok {",
				bug: "entries never expire"},
			{file: "ttl.go", old: "c.items[key] = ttlEntry{value, time.Now().Add(c.ttl)}", new: "if old, ok := c.items[key]; ok {\n\t\tc.items[key] = ttlEntry{value, old.expires}\n\t\treturn\n\t}\n\tc.items[key] = ttlEntry{value, time.Now().Add(c.ttl)}",
				bug: "setting a key again keeps its old expiry instead of starting the time again"},
			{file: "ttl.go", old: "time.Now().Add(c.ttl)}", new: "time.Now().Add(c.ttl / 2)}",
				bug: "entries expire at half their ttl"},
		},
	})
}
