package suite

import "testing"

var _ = mutationFile("doc.go", "4e46b257616a5685ca20c6457a350571ba32d6fcef419e8e6b31431b9d5bc038") && mutationFile("size.go", "ed2f197d01255f12c16a7d68eb0a52b98fe1cfb81b6af48e31e78e01039f7edf")

func TestParseSizeTestsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestParseSize"},
		file:  "size_test.go",
		mutants: []mutant{
			{file: "size.go", old: "s = strings.TrimSpace(s)", new: "s = strings.TrimRight(s, \" \")",
				bug: "ParseSize forgets to trim spaces before the number"},
			{file: "size.go", old: "mul, ok := units[unit]", new: "mul, ok := units[unit]\n\tif unit == \"KIB\" {\n\t\tmul = 1000\n\t}",
				bug: "KiB means 1000 bytes instead of 1024"},
			{file: "size.go", old: "unit := strings.ToUpper(strings.TrimSpace(s[digits:]))", new: "unit := strings.TrimSpace(s[digits:])",
				bug: "units are only understood in upper case (\"kb\" is refused)"},
			{file: "size.go", old: "digits := 0\n", new: "digits := 0\n\tif strings.HasPrefix(s, \"-\") {\n\t\tdigits = 1\n\t}\n",
				bug: "a negative size such as \"-5KB\" is accepted"},
			{file: "size.go", old: "if n > math.MaxInt64/mul {", new: "if n > math.MaxInt64 {",
				bug: "a number times its unit overflows an int64 unnoticed (\"9223372036854775807KB\")"},
			{file: "size.go", old: "mul, ok := units[unit]", new: "mul, ok := units[unit]\n\tif unit == \"\" {\n\t\tok = false\n\t}",
				bug: "a plain number with no unit (\"512\") is refused"},
		},
	})
}
