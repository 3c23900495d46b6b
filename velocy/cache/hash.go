package cache

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
)

// A shard is picked by a hash of the key, computed on every Get before the
// shard's own map hashes the key again. maphash.Comparable does it for any
// key in about 4.7 ns here; for strings, the keys of nearly every cache,
// hashString below takes about 2.1 ns: 8 bytes at a time, mixed by a
// 64×64→128-bit multiplication. It is not a hash to build a map on (that
// needs resistance to keys chosen to collide, which Go's own map has): a
// bad spread over shards only costs some parallelism, never a wrong answer.

// seeds are a cache's random hash seeds, so that nobody can choose keys
// that all land in one shard without knowing them.
type seeds struct {
	comparable maphash.Seed
	str        uint64
}

func newSeeds() seeds {
	return seeds{comparable: maphash.MakeSeed(), str: rand.Uint64()}
}

// hashKey returns the hash of key that picks its shard.
func hashKey[K comparable](sd *seeds, key K) uint64 {
	if s, ok := any(key).(string); ok {
		return hashString(s, sd.str)
	}
	return maphash.Comparable(sd.comparable, key)
}

const (
	prime1 = 0xa0761d6478bd642f
	prime2 = 0xe7037ed1a0b428db
)

// mix multiplies a and b into 128 bits and folds the halves together:
// every bit of the result depends on every bit of both.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// hashString hashes all of s with seed, 16 bytes per round; the last
// round reads the final 16 bytes (overlapping the previous ones), and
// short strings read what they have.
func hashString(s string, seed uint64) uint64 {
	n := len(s)
	var a, b uint64
	switch {
	case n > 16:
		for i := 0; n-i > 16; i += 16 {
			seed = mix(load64(s, i)^prime1, load64(s, i+8)^seed)
		}
		a, b = load64(s, n-16), load64(s, n-8)
	case n >= 8:
		a, b = load64(s, 0), load64(s, n-8)
	case n >= 4:
		a, b = load32(s, 0), load32(s, n-4)
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n/2])<<8 | uint64(s[n-1])
	}
	return mix(prime2^uint64(n), mix(a^prime1, b^seed))
}

// load64 reads 8 bytes of s at i, little endian (the compiler turns it
// into one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 reads 4 bytes of s at i, little endian.
func load32(s string, i int) uint64 {
	s = s[i : i+4]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}
