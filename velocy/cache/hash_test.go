package cache

import (
	"strconv"
	"strings"
	"testing"
)

func TestHashStringSpreads(t *testing.T) {
	sd := newSeeds()
	shapes := map[string]func(i int) string{
		"short":  func(i int) string { return strconv.Itoa(i) },
		"user:n": func(i int) string { return "user:" + strconv.Itoa(i) },
		"middle": func(i int) string { return "session:" + strconv.Itoa(i) + ":profile-and-settings" },
		"long":   func(i int) string { return strings.Repeat("x", 100) + strconv.Itoa(i) },
	}
	for name, key := range shapes {
		var counts [16]int
		const n = 1 << 14
		for i := range n {
			counts[hashKey(&sd, key(i))&15]++
		}
		for shard, c := range counts {
			if c < n/16*3/4 || c > n/16*5/4 {
				t.Errorf("%s keys: shard %d of 16 got %d of %d (want about %d): %v", name, shard, c, n, n/16, counts)
				break
			}
		}
	}
}

func TestHashStringEveryLength(t *testing.T) {
	sd := newSeeds()
	seen := map[uint64]string{}
	s := strings.Repeat("abcdefghij", 7)
	for n := 0; n <= len(s); n++ {
		h := hashKey(&sd, s[:n])
		if h != hashKey(&sd, s[:n]) {
			t.Fatalf("hash of a %d-byte string is not deterministic", n)
		}
		if other, dup := seen[h]; dup {
			t.Errorf("%q and %q hash alike", s[:n], other)
		}
		seen[h] = s[:n]
	}
	// Every byte counts, wherever it is.
	base := strings.Repeat("k", 40)
	h := hashKey(&sd, base)
	for i := range base {
		b := []byte(base)
		b[i] = 'K'
		if hashKey(&sd, string(b)) == h {
			t.Errorf("changing byte %d of a 40-byte key does not change its hash", i)
		}
	}
}

func BenchmarkHashKey(b *testing.B) {
	sd := newSeeds()
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = "user:" + strconv.Itoa(i)
	}
	b.Run("string", func(b *testing.B) {
		var sink uint64
		i := 0
		for b.Loop() {
			sink += hashKey(&sd, keys[i&1023])
			i++
		}
		_ = sink
	})
	b.Run("int", func(b *testing.B) {
		var sink uint64
		i := 0
		for b.Loop() {
			sink += hashKey(&sd, i)
			i++
		}
		_ = sink
	})
}
