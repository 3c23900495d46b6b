package suite

import "testing"

var _ = mutationFile("store.go", "1706b56b2a31eb333566cdd00c04eb103adc9dcbd4968fa86d3aaab5072c1174")

func TestStoreTestsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestStoreReopen"},
		file:  "store_test.go",
		needs: "t.TempDir()",
		why:   "the store is tested on a real file, in a folder the test owns and go test removes",
		mutants: []mutant{
			{file: "store.go", old: "\terr := s.w.Flush()\n", new: "\tvar err error\n",
				bug: "Close does not write what is buffered, so a reopened store has lost the last Puts"},
			{file: "store.go", old: "os.O_RDWR|os.O_CREATE|os.O_APPEND", new: "os.O_RDWR|os.O_CREATE|os.O_TRUNC",
				bug: "OpenStore empties the file, so a reopened store is empty"},
			{file: "store.go", old: "\t\tm[k] = v\n", new: "\t\tif _, seen := m[k]; !seen {\n\t\t\tm[k] = v\n\t\t}\n",
				bug: "replay keeps the first value of a key, not the last (Put a key twice, reopen, Get)"},
			{file: "store.go", old: "if strings.ContainsAny(key, \"\\t\\n\") || strings.ContainsAny(value, \"\\t\\n\") {", new: "if strings.ContainsAny(key, \"\\t\\n\") {",
				bug: "a value holding a newline is accepted, and the file no longer replays"},
		},
	})
}
