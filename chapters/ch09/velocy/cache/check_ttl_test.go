package cache

import (
	"math/rand/v2"
	"testing"
	"testing/synctest"
	"time"
)

func TestTTLExpiresExactly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newShard[string, int](10)
		ttl := time.Duration(1+rand.IntN(60)) * time.Second
		s.set("k", 1, ttl)
		s.set("forever", 2, 0)
		time.Sleep(ttl - time.Nanosecond)
		if _, ok := s.get("k"); !ok {
			t.Fatalf("set with ttl %v: gone %v later, before its time", ttl, ttl-time.Nanosecond)
		}
		time.Sleep(time.Nanosecond)
		if v, ok := s.get("k"); ok {
			t.Fatalf("set with ttl %v: get %v later = %d, true; want a miss: the entry has expired", ttl, ttl, v)
		}
		if got := s.len(); got != 1 {
			t.Errorf("len() = %d after get met the expired entry; want 1: drop an expired entry when you meet it", got)
		}
		time.Sleep(1000 * time.Hour)
		if _, ok := s.get("forever"); !ok {
			t.Error("an entry set with ttl 0 expired; 0 means no expiry")
		}
	})
}

func TestTTLSetRenews(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newShard[string, int](10)
		s.set("k", 1, time.Minute)
		time.Sleep(50 * time.Second)
		s.set("k", 2, time.Minute) // a new value, a new minute
		time.Sleep(50 * time.Second)
		if v, ok := s.get("k"); !ok || v != 2 {
			t.Fatalf("get = %d, %v; want 2, true: a set replaces the expiry too", v, ok)
		}
		time.Sleep(10 * time.Second)
		if _, ok := s.get("k"); ok {
			t.Fatal("a minute after the second set (ttl 1m), the entry is still there")
		}
		s.set("k", 3, time.Minute)
		s.set("k", 3, 0)
		time.Sleep(time.Hour)
		if _, ok := s.get("k"); !ok {
			t.Error("set with ttl 0 over an entry with a TTL: the entry still expired")
		}
	})
}

func TestTTLDropsExpiredTail(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := 2 + rand.IntN(5)
		s := newShard[int, int](100)
		for k := range n {
			s.set(k, k, time.Second) // these will sit at the tail
		}
		s.set(-1, -1, 0)
		time.Sleep(2 * time.Second)
		s.set(-2, -2, 0)
		if got := s.len(); got != 2 {
			t.Errorf("%d expired entries at the tail, then a set: len() = %d, want 2; "+
				"set must drop the expired entries it finds at the tail", n, got)
		}
	})
}
