package suite

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestTTLCache(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := NewTTLCache(time.Minute)
		c.Set("a", "1")
		time.Sleep(time.Minute - time.Nanosecond)
		if v, ok := c.Get("a"); !ok || v != "1" {
			t.Fatalf("Get just before ttl = %q, %v; want 1, true", v, ok)
		}
		time.Sleep(time.Nanosecond)
		if v, ok := c.Get("a"); ok {
			t.Fatalf("Get at exactly ttl = %q, true; want it gone", v)
		}

		c.Set("b", "1")
		time.Sleep(40 * time.Second)
		c.Set("b", "2") // the time starts again
		time.Sleep(40 * time.Second)
		if v, ok := c.Get("b"); !ok || v != "2" {
			t.Fatalf("Get 40s after setting again = %q, %v; want 2, true", v, ok)
		}
		time.Sleep(20 * time.Second)
		if _, ok := c.Get("b"); ok {
			t.Fatal("Get 60s after the last Set: still there")
		}
		if _, ok := c.Get("never"); ok {
			t.Fatal("Get of a key never set: found")
		}
	})
}
