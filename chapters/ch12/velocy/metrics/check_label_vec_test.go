package metrics

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"
)

// metVecWith calls v.With, failing the test instead of panicking on nil.
func metVecWith(t *testing.T, v *CounterVec, values ...string) *Counter {
	t.Helper()
	c := v.With(values...)
	if c == nil {
		t.Fatalf("With(%q) = nil, want the series' *Counter", values)
	}
	return c
}

// metVecRandom returns a random label value (valid UTF-8), with bytes
// that a careless key would confuse: separators, quotes, digits and
// non-ASCII.
func metVecRandom() string {
	parts := []string{"a", "b", "/", "{", "}", "0", "1", "7", "\x00", "|", ",", "=", `"`, `\`, "\n", "é", "\x01\x02"}
	var b strings.Builder
	for range rand.IntN(8) {
		b.WriteString(parts[rand.IntN(len(parts))])
	}
	return b.String()
}

// metVecCut returns a random place to cut s, at a rune boundary.
func metVecCut(s string) int {
	cuts := []int{len(s)}
	for i := range s {
		cuts = append(cuts, i)
	}
	return cuts[rand.IntN(len(cuts))]
}

func TestMetVecSameSeries(t *testing.T) {
	reg := NewRegistry()
	v := reg.CounterVec("met_vec_total", "Calls.", "method", "route")
	seen := map[[2]string]*Counter{}
	for range 300 {
		k := [2]string{metVecRandom(), metVecRandom()}
		c := metVecWith(t, v, k[0], k[1])
		if old, ok := seen[k]; ok && old != c {
			t.Fatalf("With(%q, %q) returned a new *Counter the second time: one combination is one series, created once", k[0], k[1])
		}
		for other, oc := range seen {
			if other != k && oc == c {
				t.Fatalf("With(%q, %q) and With(%q, %q) returned the same *Counter: different combinations are different series (is the key ambiguous?)", k[0], k[1], other[0], other[1])
			}
		}
		seen[k] = c
		c.Inc()
	}
	n := 0
	v.v.each(func(values []string, c *Counter) { n++ })
	if n != len(seen) {
		t.Fatalf("the vec holds %d series after %d distinct combinations, want %d", n, len(seen), len(seen))
	}
}

func TestMetVecKeyUnambiguous(t *testing.T) {
	reg := NewRegistry()
	v := reg.CounterVec("met_vec_split_total", "Calls.", "a", "b")
	for range 100 {
		s := metVecRandom() + "xy" + metVecRandom()
		i, j := metVecCut(s), metVecCut(s)
		if i == j {
			continue
		}
		if metVecWith(t, v, s[:i], s[i:]) == metVecWith(t, v, s[:j], s[j:]) {
			t.Fatalf("With(%q, %q) and With(%q, %q) returned the same series: a key that just joins the values is ambiguous; prefix each with its length", s[:i], s[i:], s[:j], s[j:])
		}
	}
}

func TestMetVecWrongCount(t *testing.T) {
	reg := NewRegistry()
	name := fmt.Sprintf("met_vec_%d_total", rand.IntN(1000))
	v := reg.CounterVec(name, "Calls.", "method", "route")
	for _, values := range [][]string{{"GET"}, {"GET", "/", "2xx"}, nil} {
		msg := func() (msg string) {
			defer func() {
				if p := recover(); p != nil {
					msg = fmt.Sprint(p)
				}
			}()
			v.With(values...)
			return "no panic"
		}()
		if msg == "no panic" {
			t.Fatalf("With(%q) on a vec of 2 labels did not panic: a wrong count is a programming error", values)
		}
		if !strings.Contains(msg, name) {
			t.Fatalf("With(%q) panicked with %q, want a message naming the metric %s", values, msg, name)
		}
	}
}

func TestMetVecValuesCopiedAndValid(t *testing.T) {
	reg := NewRegistry()
	v := reg.CounterVec("met_vec_utf8_total", "Calls.", "a")
	bad := "x\xff" + metVecRandom()
	metVecWith(t, v, bad)
	v.v.each(func(values []string, c *Counter) {
		if values[0] != strings.ToValidUTF8(bad, "\uFFFD") {
			t.Fatalf("With(%q) stored the value %q, want %q: the page is UTF-8, so invalid bytes become U+FFFD (validUTF8)", bad, values[0], strings.ToValidUTF8(bad, "\uFFFD"))
		}
	})
	buf := []string{"GET"}
	metVecWith(t, v, buf...)
	buf[0] = "POST"
	found := false
	v.v.each(func(values []string, c *Counter) { found = found || values[0] == "GET" })
	if !found {
		t.Fatal(`With(s...) kept the caller's slice: after the caller changed s[0] from "GET", no series has the value "GET"; copy the values into the series`)
	}
}

func TestMetVecNoAllocs(t *testing.T) {
	reg := NewRegistry()
	v := reg.CounterVec("met_vec_allocs_total", "Calls.", "method", "route", "code")
	route := "/r" + fmt.Sprint(rand.IntN(100))
	metVecWith(t, v, "GET", route, "2xx")
	if n := testing.AllocsPerRun(100, func() { v.With("GET", route, "2xx").Inc() }); n != 0 {
		t.Fatalf("With for an existing combination allocates %v times per call, want 0: build the key in a stack buffer, index the map with string(key) directly, and copy the values only when a series is created", n)
	}
}

func TestMetVecConcurrent(t *testing.T) {
	reg := NewRegistry()
	v := reg.CounterVec("met_vec_conc_total", "Calls.", "k")
	keys := make([]string, 20+rand.IntN(20))
	for i := range keys {
		keys[i] = fmt.Sprint("k", i)
	}
	got := make([][]*Counter, 8)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for _, i := range rand.Perm(len(keys)) {
				c := v.With(keys[i])
				if got[g] == nil {
					got[g] = make([]*Counter, len(keys))
				}
				got[g][i] = c
				if c != nil {
					c.Inc()
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("8 goroutines calling With did not finish within 10s: is a lock never released?")
	}
	for i, k := range keys {
		c := got[0][i]
		if c == nil {
			t.Fatalf("With(%q) = nil", k)
		}
		for g := range got {
			if got[g][i] != c {
				t.Fatalf("8 goroutines calling With(%q) at once got different series: look the key up again under the lock before creating it", k)
			}
		}
		if c.Value() != float64(len(got)) {
			t.Fatalf("With(%q).Value() = %v after 8 goroutines each counted once, want 8", k, c.Value())
		}
	}
}
