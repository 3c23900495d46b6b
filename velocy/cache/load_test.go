package cache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestGetOrLoadStampede(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10})
		var loads atomic.Int32
		release := make(chan struct{})
		load := func(ctx context.Context, key string) (int, error) {
			loads.Add(1)
			<-release
			return 42, nil
		}
		var wg sync.WaitGroup
		results := make([]int, 100)
		for i := range results {
			wg.Go(func() {
				v, err := c.GetOrLoad(t.Context(), "hot", load)
				if err != nil {
					t.Error(err)
				}
				results[i] = v
			})
		}
		synctest.Wait() // every goroutine waits on the one load
		close(release)
		wg.Wait()
		if n := loads.Load(); n != 1 {
			t.Fatalf("100 concurrent misses called load %d times, want 1", n)
		}
		for i, v := range results {
			if v != 42 {
				t.Fatalf("caller %d got %d, want 42", i, v)
			}
		}
		if _, err := c.GetOrLoad(t.Context(), "hot", load); err != nil || loads.Load() != 1 {
			t.Error("the loaded value was not stored")
		}
	})
}

func TestGetOrLoadErrorToAllNotStored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10})
		boom := errors.New("db down")
		var loads atomic.Int32
		release := make(chan struct{})
		load := func(ctx context.Context, key string) (int, error) {
			loads.Add(1)
			<-release
			return 7, boom
		}
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				if v, err := c.GetOrLoad(t.Context(), "k", load); !errors.Is(err, boom) || v != 0 {
					t.Errorf("GetOrLoad = %d, %v; want 0, %v", v, err, boom)
				}
			})
		}
		synctest.Wait()
		close(release)
		wg.Wait()
		c.GetOrLoad(t.Context(), "k", load)
		if n := loads.Load(); n != 2 {
			t.Errorf("load called %d times, want 2: an unmarked error is not stored", n)
		}
	})
}

func TestGetOrLoadPanic(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10})
		release := make(chan struct{})
		load := func(ctx context.Context, key string) (int, error) {
			<-release
			panic("oops")
		}
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				_, err := c.GetOrLoad(t.Context(), "k", load)
				var pe *PanicError
				if !errors.As(err, &pe) || pe.Value != "oops" {
					t.Errorf("err = %v, want a *PanicError with oops", err)
				}
			})
		}
		synctest.Wait()
		close(release)
		wg.Wait()
		v, err := c.GetOrLoad(t.Context(), "k", func(context.Context, string) (int, error) { return 1, nil })
		if err != nil || v != 1 {
			t.Errorf("after a panic: GetOrLoad = %d, %v; want 1, nil", v, err)
		}
	})
}

func TestGetOrLoadWaiterContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10})
		release := make(chan struct{})
		var loadCtx context.Context
		load := func(ctx context.Context, key string) (int, error) {
			loadCtx = ctx
			<-release
			return 5, nil
		}
		patient := make(chan int)
		go func() {
			v, _ := c.GetOrLoad(context.Background(), "k", load)
			patient <- v
		}()
		synctest.Wait()
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		if _, err := c.GetOrLoad(ctx, "k", load); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("impatient waiter: err = %v, want DeadlineExceeded", err)
		}
		if loadCtx.Err() != nil {
			t.Fatal("the load was cancelled while a caller still waits")
		}
		close(release)
		if v := <-patient; v != 5 {
			t.Errorf("patient waiter got %d, want 5", v)
		}
	})
}

func TestGetOrLoadAllGiveUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10})
		var loads atomic.Int32
		load := func(ctx context.Context, key string) (int, error) {
			if loads.Add(1) == 1 {
				<-ctx.Done() // the first load waits until nobody wants it
				return 0, ctx.Err()
			}
			return 9, nil
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		if _, err := c.GetOrLoad(ctx, "k", load); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want DeadlineExceeded", err)
		}
		v, err := c.GetOrLoad(t.Context(), "k", load)
		if v != 9 || err != nil {
			t.Errorf("next caller: %d, %v; want a fresh load, 9", v, err)
		}
		canceled, stop := context.WithCancel(t.Context())
		stop()
		if _, err := c.GetOrLoad(canceled, "other", load); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled ctx on a miss: err = %v", err)
		}
	})
}

var errNoRow = errors.New("no such row")

func TestNegativeCaching(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10, TTL: time.Hour})
		var loads atomic.Int32
		load := func(ctx context.Context, key string) (int, error) {
			loads.Add(1)
			return 0, Negative(errNoRow, time.Second)
		}
		for range 3 {
			if _, err := c.GetOrLoad(t.Context(), "ghost", load); err != errNoRow {
				t.Fatalf("err = %v, want errNoRow itself", err)
			}
		}
		if n := loads.Load(); n != 1 {
			t.Fatalf("load called %d times within the negative TTL, want 1", n)
		}
		if _, ok := c.Get("ghost"); ok {
			t.Error("Get reports a remembered error as a hit")
		}
		time.Sleep(time.Second)
		c.GetOrLoad(t.Context(), "ghost", load)
		if n := loads.Load(); n != 2 {
			t.Errorf("load called %d times after the negative TTL, want 2", n)
		}
		c.Set("ghost", 3)
		if v, err := c.GetOrLoad(t.Context(), "ghost", load); v != 3 || err != nil {
			t.Errorf("Set over a remembered error: %d, %v", v, err)
		}
	})
}

func TestNegativeNil(t *testing.T) {
	if Negative(nil, time.Second) != nil {
		t.Error("Negative(nil) is not nil")
	}
	if Negative(errNoRow, 0) != errNoRow {
		t.Error("Negative with ttl 0 marks")
	}
	if err := Negative(errNoRow, time.Second); !errors.Is(err, errNoRow) {
		t.Error("a marked error does not unwrap")
	}
}

func TestSetOrDeleteDuringLoadWins(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10})
		for _, tc := range []struct {
			name   string
			change func()
			want   int
			found  bool
		}{
			{"Set", func() { c.Set("k", 2) }, 2, true},
			{"Delete", func() { c.Delete("k") }, 0, false},
		} {
			c.Delete("k")
			release := make(chan struct{})
			got := make(chan int, 1)
			go func() {
				v, _ := c.GetOrLoad(t.Context(), "k", func(context.Context, string) (int, error) {
					<-release
					return 1, nil // read before the change: stale once it lands
				})
				got <- v
			}()
			synctest.Wait()
			tc.change()
			close(release)
			if v := <-got; v != 1 {
				t.Errorf("%s during a load: the waiter got %d, want the load's 1", tc.name, v)
			}
			if v, ok := c.Get("k"); v != tc.want || ok != tc.found {
				t.Errorf("%s during a load, then Get = %d, %v; want %d, %v: the stale load must not be stored",
					tc.name, v, ok, tc.want, tc.found)
			}
		}
	})
}
