package verify

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestApplySafe(t *testing.T) {
	helper := func(f fstest.MapFS) {
		f["01.01-add/_solution/calc/add.go"] = &fstest.MapFile{Data: []byte(
			"package calc\n\nfunc plus(a, b int) int { return a + b }\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn plus(a, b)\n}\n")}
		f["01.02-sub/_solution/calc/sub.go"] = &fstest.MapFile{Data: []byte(
			"package calc\n\n// Sub returns a-b.\nfunc Sub(a, b int) int {\n\treturn plus(a, -b)\n}\n")}
	}
	v := fixtureBook(t, helper)
	sub, _ := v.Book.ByID("01.02-sub")
	errs := v.ApplySafe(sub)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "calc/sub.go uses plus (declared in add.go)") {
		t.Errorf("ApplySafe with a helper only the earlier reference declares = %v", errs)
	}
	// The same helper is fine once an earlier check requires it: a learner who passed has it.
	v = fixtureBook(t, func(f fstest.MapFS) {
		helper(f)
		f["01.01-add/_check/calc/check_plus_test.go"] = &fstest.MapFile{Data: []byte(
			"package calc\n\nimport \"testing\"\n\nfunc TestPlus(t *testing.T) {\n\tif plus(1, 2) != 3 {\n\t\tt.Error(\"plus(1, 2) != 3\")\n\t}\n}\n")}
	})
	sub, _ = v.Book.ByID("01.02-sub")
	if errs := v.ApplySafe(sub); len(errs) != 0 {
		t.Errorf("ApplySafe with a helper an earlier check uses = %v, want none", errs)
	}
	// And so is the fixture as it is.
	v = fixtureBook(t, nil)
	for _, s := range v.Book.Steps {
		if errs := v.ApplySafe(s); len(errs) != 0 {
			t.Errorf("%s: %v", s.ID, errs)
		}
	}
}
