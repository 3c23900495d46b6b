package cache

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

var errNegativeCheckNoRow = errors.New("no such row")

func TestNegativeRemembered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 100, TTL: time.Hour})
		ttl := time.Duration(1+rand.IntN(30)) * time.Second
		var calls atomic.Int32
		load := func(ctx context.Context, key string) (int, error) {
			calls.Add(1)
			return 0, Negative(errNegativeCheckNoRow, ttl)
		}
		for i := range 5 {
			_, err := c.GetOrLoad(t.Context(), "ghost", load)
			if err != errNegativeCheckNoRow {
				t.Fatalf("call %d: err = %v; want the loader's own error, not the mark (err == errNoRow must hold)", i, err)
			}
		}
		if n := calls.Load(); n != 1 {
			t.Fatalf("5 GetOrLoad of a missing row within its negative TTL (%v) called load %d times, want 1", ttl, n)
		}
		if _, ok := c.Get("ghost"); ok {
			t.Fatal("Get reports a remembered error as a hit; Get only reports values")
		}
		time.Sleep(ttl - time.Nanosecond)
		c.GetOrLoad(t.Context(), "ghost", load)
		if n := calls.Load(); n != 1 {
			t.Fatalf("load called again before the negative TTL (%v) ran out", ttl)
		}
		time.Sleep(time.Nanosecond)
		c.GetOrLoad(t.Context(), "ghost", load)
		if n := calls.Load(); n != 2 {
			t.Fatalf("after the negative TTL (%v): load called %d times in all, want 2", ttl, n)
		}
	})
}

func TestNegativeOnlyMarked(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 100})
	var calls atomic.Int32
	timeout := errors.New("timeout")
	load := func(ctx context.Context, key string) (int, error) {
		calls.Add(1)
		return 0, timeout
	}
	c.GetOrLoad(t.Context(), "k", load)
	c.GetOrLoad(t.Context(), "k", load)
	if n := calls.Load(); n != 2 {
		t.Errorf("an unmarked error was remembered: load called %d times, want 2", n)
	}
	if Negative(nil, time.Second) != nil || Negative(timeout, 0) != timeout {
		t.Error("Negative(nil, ttl) must be nil and Negative(err, 0) err itself")
	}
	if err := Negative(timeout, time.Second); !errors.Is(err, timeout) || err == timeout {
		t.Errorf("Negative(err, 1s) = %v: want a mark that wraps err (errors.Is finds it)", err)
	}
}

func TestNegativeSetClears(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 100})
	load := func(ctx context.Context, key string) (int, error) {
		return 0, Negative(errNegativeCheckNoRow, time.Hour)
	}
	c.GetOrLoad(t.Context(), "k", load)
	want := rand.IntN(1000)
	c.Set("k", want)
	if v, err := c.GetOrLoad(t.Context(), "k", load); v != want || err != nil {
		t.Errorf("Set over a remembered error, then GetOrLoad = %d, %v; want %d, nil", v, err, want)
	}
}
