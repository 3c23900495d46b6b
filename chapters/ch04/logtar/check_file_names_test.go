package logtar

import (
	"slices"
	"testing"
	"time"
)

func TestFileNameStamp(t *testing.T) {
	tests := []struct {
		give time.Time
		want string
	}{
		{time.Date(2024, 5, 6, 7, 8, 9, 123_456_789, time.UTC), "2024-05-06T07-08-09.123Z"},
		{time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC), "1999-12-31T23-59-59.000Z"},
	}
	for _, tt := range tests {
		if got := tt.give.Format(stampLayout); got != tt.want {
			t.Errorf("%v.Format(stampLayout) = %q, want %q (stampLayout is %q)", tt.give, got, tt.want, stampLayout)
		}
	}
}

func TestFileNameParts(t *testing.T) {
	const stamp = "2024-05-06T07-08-09.123Z"
	tests := []struct {
		prefix string
		seq    int
		want   string
	}{
		{"logtar_", 0, "logtar_2024-05-06T07-08-09.123Z.log"},
		{"", 0, "2024-05-06T07-08-09.123Z.log"},
		{"app-", 1, "app-2024-05-06T07-08-09.123Z_000001.log"},
		{"app-", 42, "app-2024-05-06T07-08-09.123Z_000042.log"},
		{"app-", 123456, "app-2024-05-06T07-08-09.123Z_123456.log"},
	}
	for _, tt := range tests {
		if got := fileName(tt.prefix, stamp, tt.seq); got != tt.want {
			t.Errorf("fileName(%q, %q, %d) = %q, want %q", tt.prefix, stamp, tt.seq, got, tt.want)
		}
	}
}

func TestFileNamesSortByTime(t *testing.T) {
	// Names listed in the order the files would be opened must also be in
	// sorted order: across milliseconds, seconds, hours, days and years,
	// and for numbered files (past 9, where unpadded numbers would sort 10
	// before 2).
	t0 := time.Date(2024, 12, 31, 23, 59, 59, 998_000_000, time.UTC)
	var names []string
	for _, step := range []time.Duration{0, time.Millisecond, time.Millisecond, time.Second, time.Hour, 9 * time.Hour} {
		t0 = t0.Add(step)
		stamp := t0.Format(stampLayout)
		for seq := range 12 {
			names = append(names, fileName("p_", stamp, seq))
		}
	}
	if !slices.IsSorted(names) {
		sorted := slices.Clone(names)
		slices.Sort(sorted)
		for i := range names {
			if names[i] != sorted[i] {
				t.Fatalf("file names in the order the files are opened do not sort: the %dth, %q, sorts as if it were %q", i+1, names[i], sorted[i])
			}
		}
	}
	if distinct := len(slices.Compact(slices.Clone(names))); distinct != len(names) {
		t.Errorf("%d files opened at different times or with different sequence numbers got %d distinct names, want %d: no two files may share a name", len(names), distinct, len(names))
	}
}
