package logtar

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFileNameStamp(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 5 {
		give := time.Date(1970+rng.IntN(130), time.Month(1+rng.IntN(12)), 1+rng.IntN(28),
			rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
		want := fmt.Sprintf("%04d-%02d-%02dT%02d-%02d-%02d.%03dZ", give.Year(), int(give.Month()), give.Day(),
			give.Hour(), give.Minute(), give.Second(), give.Nanosecond()/1e6)
		if got := give.Format(stampLayout); got != want {
			t.Fatalf("%s.Format(stampLayout) = %q, want %q (stampLayout is %q)", give.Format(time.RFC3339Nano), got, want, stampLayout)
		}
	}
}

func TestFileNameParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	stamp := fmt.Sprintf("2024-05-06T07-08-%02d.%03dZ", rng.IntN(60), rng.IntN(1000))
	prefix := fmt.Sprintf("app%d-", rng.IntN(100))
	tests := []struct {
		prefix string
		seq    int
		want   string
	}{
		{"logtar_", 0, "logtar_" + stamp + ".log"},
		{"", 0, stamp + ".log"},
		{prefix, 0, prefix + stamp + ".log"},
		{prefix, 1, prefix + stamp + "_000001.log"},
		{prefix, 10 + rng.IntN(90), ""},
		{prefix, 1000 + rng.IntN(9000), ""},
		{prefix, 100000 + rng.IntN(900000), ""},
	}
	for _, tt := range tests {
		if tt.want == "" {
			tt.want = prefix + stamp + "_" + strings.Repeat("0", 6-len(strconv.Itoa(tt.seq))) + strconv.Itoa(tt.seq) + ".log"
		}
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
