package middleware

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestAcceptsGzipTable(t *testing.T) {
	tests := []struct {
		lines []string
		want  bool
	}{
		{[]string{"gzip"}, true},
		{[]string{"gzip, deflate, br"}, true},
		{[]string{"br;q=1.0, GZIP;q=0.8"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"br", "gzip"}, true},
		{[]string{"*"}, true},
		{[]string{"*;q=0, gzip"}, true},
		{nil, false},
		{[]string{"deflate, br"}, false},
		{[]string{"gzipped"}, false},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.0"}, false},
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"*, gzip;q=0"}, false},
		{[]string{"*;q=0"}, false},
		{[]string{"gzip;q=2"}, false},
		{[]string{"gzip;q=high"}, false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.lines); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.lines, got, tt.want)
		}
	}
}

func TestAcceptsGzipRandomQ(t *testing.T) {
	others := []string{"br", "deflate", "zstd", "identity", "compress"}
	for range 50 {
		thousandths := rand.IntN(1001)
		if rand.IntN(4) == 0 {
			thousandths = 0
		}
		q := fmt.Sprintf("%d.%03d", thousandths/1000, thousandths%1000)
		q = strings.TrimRight(strings.TrimRight(q, "0"), ".")
		if q == "" {
			q = "0"
		}
		elems := []string{"gzip;q=" + q}
		for _, o := range others[:rand.IntN(len(others))] {
			elems = append(elems, fmt.Sprintf("%s;q=0.%d", o, 1+rand.IntN(9)))
		}
		rand.Shuffle(len(elems), func(i, j int) { elems[i], elems[j] = elems[j], elems[i] })
		line := strings.Join(elems, ", ")
		if got, want := acceptsGzip([]string{line}), thousandths > 0; got != want {
			t.Fatalf("acceptsGzip([%q]) = %v, want %v: gzip has q=%s", line, got, want, q)
		}
	}
}
