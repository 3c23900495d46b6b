package bench

import (
	"strconv"
	"testing"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/cache"
)

// The cache benchmarks use one key set for every cache: cacheKeys keys
// ("user:0", "user:1", …), all of which fit, so every Get is a hit.
const (
	cacheKeys = 1 << 13
	cacheSize = 1 << 14
)

var benchKeys = func() []string {
	keys := make([]string, cacheKeys)
	for i := range keys {
		keys[i] = "user:" + strconv.Itoa(i)
	}
	return keys
}()

// cacheUnderTest is the part of each cache the benchmarks call.
type cacheUnderTest struct {
	get func(string) (int, bool)
	set func(string, int)
}

func velocyCache(ttl time.Duration) cacheUnderTest {
	c := cache.New(cache.Options[string, int]{MaxEntries: cacheSize, TTL: ttl})
	return cacheUnderTest{get: c.Get, set: c.Set}
}

func lruCache() cacheUnderTest {
	c, err := lru.New[string, int](cacheSize)
	if err != nil {
		panic(err)
	}
	return cacheUnderTest{get: c.Get, set: func(k string, v int) { c.Add(k, v) }}
}

func expirableCache(ttl time.Duration) cacheUnderTest {
	c := expirable.NewLRU[string, int](cacheSize, nil, ttl)
	return cacheUnderTest{get: c.Get, set: func(k string, v int) { c.Add(k, v) }}
}

// cacheVariants pairs each velocy cache with the golang-lru/v2 cache that
// does the same job: without expiry, lru.New; with a TTL on every entry,
// the expirable LRU (whose Get also reads the clock).
var cacheVariants = []struct {
	name string
	make func() cacheUnderTest
}{
	{"velocy", func() cacheUnderTest { return velocyCache(0) }},
	{"golang-lru", lruCache},
	{"velocy-ttl", func() cacheUnderTest { return velocyCache(time.Hour) }},
	{"golang-lru-expirable", func() cacheUnderTest { return expirableCache(time.Hour) }},
}

func fill(c cacheUnderTest) {
	for i, k := range benchKeys {
		c.set(k, i)
	}
}

// BenchmarkCacheGetHit is one goroutine reading keys that are all there.
func BenchmarkCacheGetHit(b *testing.B) {
	for _, v := range cacheVariants {
		b.Run(v.name, func(b *testing.B) {
			c := v.make()
			fill(c)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, ok := c.get(benchKeys[i&(cacheKeys-1)]); !ok {
					b.Fatal("miss")
				}
				i++
			}
		})
	}
}

// BenchmarkCacheParallelMix is 8 goroutines per CPU, each doing 90% Get
// and 10% Set on random keys of the same set. velocy-1shard is our cache
// with one lock, for lesson 9.2: what the shards buy.
func BenchmarkCacheParallelMix(b *testing.B) {
	oneShard := func() cacheUnderTest {
		c := cache.New(cache.Options[string, int]{MaxEntries: cacheSize, Shards: 1})
		return cacheUnderTest{get: c.Get, set: c.Set}
	}
	for _, v := range append(cacheVariants, struct {
		name string
		make func() cacheUnderTest
	}{"velocy-1shard", oneShard}) {
		b.Run(v.name, func(b *testing.B) {
			c := v.make()
			fill(c)
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				x := uint64(time.Now().UnixNano()) | 1
				for pb.Next() {
					// xorshift: a cheap random number without a shared source.
					x ^= x << 13
					x ^= x >> 7
					x ^= x << 17
					k := benchKeys[x&(cacheKeys-1)]
					if x>>60 < 14 { // 14 of 16 ≈ 90%
						c.get(k)
					} else {
						c.set(k, int(x))
					}
				}
			})
		})
	}
}
