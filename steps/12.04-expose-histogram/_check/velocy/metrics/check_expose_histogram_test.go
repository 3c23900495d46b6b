package metrics

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestMetHistogramLines(t *testing.T) {
	for range 200 {
		name := fmt.Sprint("met_h_", rand.IntN(1000), "_seconds")
		var names, values []string
		for range rand.IntN(3) {
			names = append(names, fmt.Sprint("l", len(names)))
			values = append(values, fmt.Sprint("v", rand.IntN(100)))
		}
		n := rand.IntN(12)
		les := make([]string, n)
		cum := make([]uint64, n+1)
		c := uint64(0)
		for i := range cum {
			c += uint64(rand.IntN(5))
			cum[i] = c
			if i < n {
				les[i] = strconv.FormatFloat(float64(i+1)/4, 'g', -1, 64)
			}
		}
		sum := float64(rand.IntN(1e6)) / 16
		labels := func(le string) string {
			var l []string
			for i := range names {
				l = append(l, names[i]+`="`+values[i]+`"`)
			}
			if le != "" {
				l = append(l, `le="`+le+`"`)
			}
			if len(l) == 0 {
				return ""
			}
			return "{" + strings.Join(l, ",") + "}"
		}
		var want strings.Builder
		for i, le := range les {
			fmt.Fprintf(&want, "%s_bucket%s %d\n", name, labels(le), cum[i])
		}
		fmt.Fprintf(&want, "%s_bucket%s %d\n", name, labels("+Inf"), cum[n])
		fmt.Fprintf(&want, "%s_sum%s %s\n", name, labels(""), strconv.FormatFloat(sum, 'g', -1, 64))
		fmt.Fprintf(&want, "%s_count%s %d\n", name, labels(""), cum[n])
		var out bytes.Buffer
		tw := &textWriter{w: &out}
		tw.histogram(name, names, values, les, cum, sum)
		tw.flush()
		if out.String() != want.String() {
			t.Fatalf("histogram(%q, %q, %q, les %q, cum %v, sum %v) wrote\n%s\nwant\n%s\n(a _bucket line per le with cum[i], then le=\"+Inf\" with the last count, _sum, and _count equal to the +Inf bucket)",
				name, names, values, les, cum, sum, out.String(), want.String())
		}
	}
}
