package static

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// acceptEncodingQ returns a random weight from 0.001 to 1 and its text.
func acceptEncodingQ() (float64, string) {
	n := 1 + rand.IntN(1000)
	return float64(n) / 1000, strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", float64(n)/1000), "0"), ".")
}

func TestChooseEncodingByWeight(t *testing.T) {
	encs := []string{"br", "gzip"}
	for range 100 {
		qb, tb := acceptEncodingQ()
		qg, tg := acceptEncodingQ()
		items := []string{"br;q=" + tb, "gzip;q=" + tg}
		if rand.IntN(2) == 0 {
			items[0], items[1] = items[1], items[0]
		}
		if rand.IntN(2) == 0 {
			items = append(items, "deflate;q=1")
		}
		accept := []string{strings.Join(items, ", ")}
		want := "br"
		if qg > qb {
			want = "gzip"
		}
		if got := chooseEncoding(accept, encs); got != want {
			t.Fatalf("chooseEncoding(%q, %q) = %q, want %q: the highest q wins, the server's order breaks ties", accept, encs, got, want)
		}
	}
}

func TestChooseEncodingRules(t *testing.T) {
	encs := []string{"br", "gzip"}
	_, q := acceptEncodingQ()
	tests := []struct {
		accept []string
		want   string
	}{
		{[]string{"gzip, deflate, br"}, "br"},            // equal weights: the server's order
		{[]string{"gzip"}, "gzip"},                       // br not named, no "*": not accepted
		{[]string{"deflate"}, ""},                        // nothing we have
		{[]string{"identity"}, ""},                       //
		{[]string{"br;q=0, gzip;q=" + q}, "gzip"},        // q=0 means never
		{[]string{"br;q=0, gzip;q=0"}, ""},               //
		{[]string{"*;q=" + q}, "br"},                     // "*" covers both
		{[]string{"*, br;q=0"}, "gzip"},                  // a named entry beats "*"
		{[]string{"GZIP;Q=" + q}, "gzip"},                // case does not matter
		{[]string{"x-gzip"}, "gzip"},                     // the old name of gzip
		{[]string{"deflate", "gzip;q=" + q}, "gzip"},     // several header lines
		{[]string{"br;q=2, gzip;q=" + q}, "gzip"},        // a malformed weight is ignored
		{[]string{"br;q=abc, gzip;q=" + q}, "gzip"},      //
		{[]string{" br ; q=" + q + " , gzip;q=0"}, "br"}, // spaces around everything
	}
	for _, tt := range tests {
		if got := chooseEncoding(tt.accept, encs); got != tt.want {
			t.Errorf("chooseEncoding(%q, %q) = %q, want %q", tt.accept, encs, got, tt.want)
		}
	}
	if got := chooseEncoding([]string{"gzip, br"}, []string{"gzip", "br"}); got != "gzip" {
		t.Errorf(`chooseEncoding(["gzip, br"], ["gzip" "br"]) = %q, want "gzip": the server's order breaks ties`, got)
	}
}
