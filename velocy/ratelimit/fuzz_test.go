package ratelimit

import (
	"testing"
	"testing/synctest"
	"time"
)

// FuzzMemoryAgainstBucket replays a random schedule of requests for a few
// keys against a Memory and against the leaky bucket model of
// gcra_test.go, in a synctest bubble so that the times are exact, and
// wants the same Decision from both, every time. The first two bytes
// choose the policy; then each pair of bytes is one request: the key
// (one of four) and how long to wait before it, in milliseconds.
func FuzzMemoryAgainstBucket(f *testing.F) {
	f.Add([]byte{3, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 200, 0, 34})
	f.Add([]byte{1, 1, 0, 255, 1, 0, 0, 3, 0, 4})
	f.Add([]byte{20, 100, 2, 0, 2, 0, 2, 0, 3, 50, 2, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		p := Policy{Limit: 1 + int(data[0]%32), Period: time.Duration(1+int(data[1])) * 10 * time.Millisecond}
		period, iv, ok := emission(p, time.Nanosecond)
		if !ok {
			t.Fatal(invalid(p))
		}
		synctest.Test(t, func(t *testing.T) {
			m := NewMemory(MemoryOptions{Shards: 2})
			keys := []string{"a", "b", "c", "d"}
			model := make([]bucket, len(keys))
			start := time.Now()
			for i := 2; i+1 < len(data); i += 2 {
				time.Sleep(time.Duration(data[i+1]) * time.Millisecond)
				k := int(data[i] % 4)
				got, err := m.Allow(ctx, keys[k], p)
				if err != nil {
					t.Fatal(err)
				}
				allowed, rem, reset, retry := model[k].take(int64(time.Since(start)), period, iv)
				want := Decision{Allowed: allowed, Limit: p.Limit, Remaining: rem,
					ResetAfter: time.Duration(reset), RetryAfter: time.Duration(retry)}
				if got != want {
					t.Fatalf("%+v, key %q at %v: Allow = %+v, model = %+v", p, keys[k], time.Since(start), got, want)
				}
			}
		})
	})
}
