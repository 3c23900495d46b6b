package suite

import "testing"

var _ = mutationFile("query.go", "8c369f3f07f0b9734f5d6bf700e0606b0e0d48f9d9a1c8ecd54f1c228568b795")

func TestFuzzParseQuerySeedsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"FuzzParseQuery"},
		file:  "query_test.go",
		needs: "url.ParseQuery(",
		why:   "the fuzz target's property is that ParseQuery agrees with the oracle, net/url's ParseQuery",
		mutants: []mutant{
			{file: "query.go", old: "\t\tcase '+':\n\t\t\tb.WriteByte(' ')", new: "\t\tcase '+':\n\t\t\tb.WriteByte('+')",
				bug: "'+' is kept instead of becoming a space"},
			{file: "query.go", old: "if i+2 >= len(s) {", new: "if i+2 > len(s) {",
				bug: "ParseQuery panics on an escape cut short at the end (\"a=%4\"): the crasher belongs in your seeds"},
			{file: "query.go", old: "if strings.Contains(pair, \";\") {", new: "if strings.HasPrefix(pair, \";\") {",
				bug: "a semicolon inside a pair (\"a=1;b=2\") is accepted"},
			{file: "query.go", old: "\t\tif pair == \"\" {\n\t\t\tcontinue\n\t\t}\n", new: "",
				bug: "an empty pair (\"a=1&&b=2\") becomes a key \"\" with the value \"\""},
			{file: "query.go", old: "case 'A' <= c && c <= 'F':", new: "case 'A' <= c && c < 'F':",
				bug: "the escape %XF with an upper-case F is refused (\"%2F\")"},
		},
	})
}
