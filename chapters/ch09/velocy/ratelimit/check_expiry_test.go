package ratelimit

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"
	"testing/synctest"
	"time"
)

func TestExpiryTableStaysBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		maxKeys := 2 + rand.IntN(7)
		m := NewMemory(MemoryOptions{Shards: 1, MaxKeys: maxKeys})
		p := Policy{Limit: 3, Period: time.Hour}
		for i := range 50 + rand.IntN(100) {
			m.Allow(context.Background(), "client-"+strconv.Itoa(i), p)
			if m.Len() > maxKeys {
				t.Fatalf("MaxKeys %d, one shard, %d new keys: Len = %d; want at most %d", maxKeys, i+1, m.Len(), maxKeys)
			}
		}
	})
}

func TestExpiryDropsKeysWhoseTATPassed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		maxKeys := 2 + rand.IntN(7)
		m := NewMemory(MemoryOptions{Shards: 1, MaxKeys: maxKeys})
		p := Policy{Limit: 2, Period: time.Duration(1+rand.IntN(60)) * time.Second}
		for i := range maxKeys {
			m.Allow(ctx, "old-"+strconv.Itoa(i), p)
		}
		time.Sleep(p.Period) // every TAT is now in the past
		m.Allow(ctx, "new", p)
		if m.Len() != 1 {
			t.Errorf("a full shard of %d keys whose TATs have all passed, then a new key: Len = %d; want 1 (the expired keys dropped)",
				maxKeys, m.Len())
		}
	})
}

func TestExpiryEvictsTheEarliestTAT(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		maxKeys := 2 + rand.IntN(7)
		m := NewMemory(MemoryOptions{Shards: 1, MaxKeys: maxKeys})
		p := Policy{Limit: 5, Period: time.Hour}
		for range 10 {
			m.Allow(ctx, "busy", p) // spends its whole burst: the latest TAT
		}
		for i := range maxKeys - 1 {
			time.Sleep(time.Second)
			m.Allow(ctx, "quiet-"+strconv.Itoa(i), p)
		}
		for i := range 20 {
			time.Sleep(time.Second)
			m.Allow(ctx, "new-"+strconv.Itoa(i), p)
		}
		if m.Len() > maxKeys {
			t.Fatalf("MaxKeys %d, one shard: Len = %d after 20 new keys; want at most %d", maxKeys, m.Len(), maxKeys)
		}
		if d, _ := m.Allow(ctx, "busy", p); d.Allowed {
			t.Errorf("MaxKeys %d, the key with the latest TAT after 20 new keys: Allow = %+v; want still refused (evict the earliest TAT, not this one)",
				maxKeys, d)
		}
	})
}
