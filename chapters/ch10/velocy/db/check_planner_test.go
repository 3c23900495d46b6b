package db

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// plannerCheckDB holds n documents: a unique "email", a "status" that is
// "open" for about one in ten, and a "due" spread over 1000 values.
func plannerCheckDB(t *testing.T, n int) (*DB, map[string]int) {
	d, err := Open(t.TempDir(), Options{NoSync: true, Indexes: []Index{
		{Name: "by_email", Field: "email", Unique: true},
		{Name: "by_status", Field: "status"},
		{Name: "by_due", Field: "due"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	counts := map[string]int{}
	for i := range n {
		status := "done"
		if rand.IntN(10) == 0 {
			status = "open"
		}
		counts[status]++
		if err := d.Put(fmt.Sprint("t", i), fmt.Appendf(nil, `{"email":"u%d@x","status":%q,"due":%d,"note":"n"}`, i, status, rand.IntN(1000))); err != nil {
			t.Fatal(err)
		}
	}
	return d, counts
}

func plannerCheckExplain(t *testing.T, d *DB, text string) Plan {
	t.Helper()
	var q Query
	for part := range strings.SplitSeq(text, " AND ") {
		f := strings.Fields(part)
		var v any = strings.Trim(f[2], `"`)
		if x, err := strconv.ParseFloat(f[2], 64); err == nil {
			v = x
		}
		op := map[string]Op{"=": Eq, "<": Lt, "<=": Le, ">": Gt, ">=": Ge}[f[1]]
		q.Where = append(q.Where, Cond{Field: f[0], Op: op, Value: v})
	}
	p, err := d.Explain(q)
	if err != nil {
		t.Fatalf("Explain(%s) = %v", text, err)
	}
	return p
}

func TestPlannerPicksNarrowest(t *testing.T) {
	n := 300 + rand.IntN(200)
	d, counts := plannerCheckDB(t, n)
	i := rand.IntN(n)
	p := plannerCheckExplain(t, d, fmt.Sprintf(`status = "open" AND email = "u%d@x" AND due >= 0`, i))
	if p.Index != "by_email" || p.Estimate != 1 {
		t.Fatalf("status = \"open\" AND email = (one value) AND due >= 0: plan uses %q estimating %d rows, want by_email and 1 (equality on a unique index)\n%s", p.Index, p.Estimate, p)
	}
	if len(p.IndexConds) != 1 || len(p.Residual) != 2 {
		t.Fatalf("plan with by_email: index conditions %q, residual %q; want 1 and 2\n%s", p.IndexConds, p.Residual, p)
	}
	p = plannerCheckExplain(t, d, `status = "open" AND due >= 0`)
	if p.Index != "by_status" || p.Estimate != counts["open"] || p.Total != n {
		t.Fatalf(`status = "open" AND due >= 0 over %d documents (%d open): plan uses %q estimating %d of %d, want by_status estimating %d of %d (count each index's range, keep the narrowest)`+"\n%s",
			n, counts["open"], p.Index, p.Estimate, p.Total, counts["open"], n, p)
	}
	p = plannerCheckExplain(t, d, `status = "done" AND due < 10`)
	if p.Index != "by_due" {
		t.Fatalf(`status = "done" AND due < 10: plan uses %q, want by_due: 1%% of due is narrower than 90%% of status`+"\n%s", p.Index, p)
	}
	p = plannerCheckExplain(t, d, `note = "n"`)
	if p.Index != "" || p.Estimate != n || len(p.Residual) != 1 {
		t.Fatalf(`note = "n" (no index on note): plan uses %q estimating %d with residual %q; want a full scan ("") of %d with the condition as residual`+"\n%s", p.Index, p.Estimate, p.Residual, n, p)
	}
}

func TestPlannerUsesIndexOrder(t *testing.T) {
	d, _ := plannerCheckDB(t, 200+rand.IntN(100))
	p, err := d.Explain(Query{OrderBy: "due", Desc: true, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if p.Index != "by_due" || p.Sort || p.Estimate > 10 {
		t.Fatalf("ORDER BY due DESC LIMIT 10 with no condition: plan uses %q, sort %v, estimate %d; want by_due read in order, no sort, about 10 entries\n%s", p.Index, p.Sort, p.Estimate, p)
	}
	p, _ = d.Explain(Query{Where: []Cond{{Field: "status", Op: Eq, Value: "open"}}, OrderBy: "due"})
	if p.Index != "by_status" || !p.Sort {
		t.Fatalf(`status = "open" ORDER BY due (no LIMIT): plan uses %q, sort %v; want by_status and a sort`+"\n%s", p.Index, p.Sort, p)
	}
	if s := p.String(); !strings.Contains(s, "by_status") || !strings.Contains(s, "sort") {
		t.Fatalf("Plan.String() = %q; want it to name the index and the sort", s)
	}
}
