package testkit

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestScrubReplacesWhatVaries(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 6))
	hex := func(n int) string {
		const digits = "0123456789abcdef"
		b := make([]byte, n)
		for i := range b {
			b[i] = digits[r.IntN(16)]
		}
		return string(b)
	}
	for range 200 {
		when := time.Unix(r.Int64N(4e9), r.Int64N(1e9)).UTC()
		zone := time.FixedZone("", (r.IntN(25)-12)*3600)
		parts := [][2]string{
			{when.Format(time.RFC3339), "<TIME>"},
			{when.In(zone).Format(time.RFC3339Nano), "<TIME>"},
			{time.Duration(r.Int64N(1e12)).String(), "<DUR>"},
			{time.Duration(r.Int64N(1e6)).String(), "<DUR>"},
			{hex(16), "<ID>"},
			{hex(32), "<ID>"},
			{fmt.Sprintf("127.0.0.1:%d", 1024+r.IntN(60000)), "127.0.0.1:<PORT>"},
			{fmt.Sprintf("count=%d", r.IntN(1000)), ""}, // kept
			{hex(8), ""}, // too short for an id: kept
			{"GET /users/" + fmt.Sprint(r.IntN(99)), ""},
		}
		var in, want []string
		for range 3 + r.IntN(5) {
			p := parts[r.IntN(len(parts))]
			in = append(in, p[0])
			if p[1] == "" {
				want = append(want, p[0])
			} else {
				want = append(want, p[1])
			}
		}
		line := strings.Join(in, " ")
		if got, exp := Scrub(line), strings.Join(want, " "); got != exp {
			t.Fatalf("Scrub(%q)\n = %q\nwant %q", line, got, exp)
		}
	}
}
