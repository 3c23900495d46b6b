package cache

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// loadCheckLoader returns a loader that counts its calls and blocks until
// release is closed, then returns value and err.
func loadCheckLoader(calls *atomic.Int32, release chan struct{}, value int, err error) func(context.Context, string) (int, error) {
	return func(ctx context.Context, key string) (int, error) {
		calls.Add(1)
		<-release
		return value, err
	}
}

func TestGetOrLoadOneLoadForAStampede(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 100})
		want := 1 + rand.IntN(1000)
		var calls atomic.Int32
		release := make(chan struct{})
		free := sync.OnceFunc(func() { close(release) })
		defer free() // a failing check must not leave goroutines blocked in the bubble
		load := loadCheckLoader(&calls, release, want, nil)
		got := make([]int, 100)
		var wg sync.WaitGroup
		for i := range got {
			wg.Go(func() {
				got[i], _ = c.GetOrLoad(t.Context(), "hot", load)
			})
		}
		synctest.Wait() // all 100 have missed and are waiting
		free()
		wg.Wait()
		if n := calls.Load(); n != 1 {
			t.Fatalf("100 goroutines missed the same key at once: load was called %d times, want 1", n)
		}
		for i, v := range got {
			if v != want {
				t.Fatalf("caller %d got %d, want %d (what the one load returned)", i, v, want)
			}
		}
		if v, ok := c.Get("hot"); !ok || v != want {
			t.Errorf("Get after GetOrLoad = %d, %v; want %d, true: store what was loaded", v, ok, want)
		}
		c.GetOrLoad(t.Context(), "hot", load)
		if n := calls.Load(); n != 1 {
			t.Errorf("GetOrLoad on a cached key called load again")
		}
	})
}

func TestGetOrLoadErrorForAllNotStored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 100})
		boom := errors.New("database is down")
		var calls atomic.Int32
		release := make(chan struct{})
		free := sync.OnceFunc(func() { close(release) })
		defer free() // a failing check must not leave goroutines blocked in the bubble
		load := loadCheckLoader(&calls, release, 5, boom)
		errs := make([]error, 10)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = c.GetOrLoad(t.Context(), "k", load)
			})
		}
		synctest.Wait()
		free()
		wg.Wait()
		for i, err := range errs {
			if !errors.Is(err, boom) {
				t.Fatalf("caller %d: err = %v, want the load's error for every waiter", i, err)
			}
		}
		if calls.Load() != 1 {
			t.Fatalf("load called %d times for 10 concurrent misses, want 1", calls.Load())
		}
		c.GetOrLoad(t.Context(), "k", load)
		if calls.Load() != 2 {
			t.Errorf("after a failed load, the next GetOrLoad did not try again: an error is not stored")
		}
	})
}

func TestGetOrLoadPanicReachesWaiters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 100})
		release := make(chan struct{})
		free := sync.OnceFunc(func() { close(release) })
		defer free() // a failing check must not leave goroutines blocked in the bubble
		load := func(ctx context.Context, key string) (int, error) {
			<-release
			panic("loader bug")
		}
		errs := make([]error, 5)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = c.GetOrLoad(t.Context(), "k", load)
			})
		}
		synctest.Wait()
		free()
		wg.Wait()
		for i, err := range errs {
			var pe *PanicError
			if !errors.As(err, &pe) || pe.Value != "loader bug" {
				t.Fatalf("caller %d: err = %v; want a *PanicError holding the panic value", i, err)
			}
		}
		v, err := c.GetOrLoad(t.Context(), "k", func(context.Context, string) (int, error) { return 3, nil })
		if v != 3 || err != nil {
			t.Errorf("after a panicking load: GetOrLoad = %d, %v; want 3, nil (the key must not stay wedged)", v, err)
		}
	})
}

func TestGetOrLoadWaiterHonoursItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 100})
		release := make(chan struct{})
		free := sync.OnceFunc(func() { close(release) })
		defer free() // a failing check must not leave goroutines blocked in the bubble
		var loadCtx atomic.Value
		want := rand.IntN(1000)
		load := func(ctx context.Context, key string) (int, error) {
			loadCtx.Store(ctx)
			<-release
			return want, nil
		}
		patient := make(chan int, 1)
		go func() {
			v, _ := c.GetOrLoad(context.Background(), "k", load)
			patient <- v
		}()
		synctest.Wait()
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.GetOrLoad(ctx, "k", load)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != time.Second {
			t.Fatalf("a waiter with a 1s deadline: err = %v after %v; want DeadlineExceeded after 1s", err, time.Since(start))
		}
		if lc, _ := loadCtx.Load().(context.Context); lc == nil || lc.Err() != nil {
			t.Fatal("one waiter gave up and the load's context was cancelled, while another still waits")
		}
		free()
		if v := <-patient; v != want {
			t.Errorf("the patient waiter got %d, want %d", v, want)
		}
	})
}

func TestGetOrLoadLastWaiterCancelsLoad(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 100})
		var calls atomic.Int32
		stop := make(chan struct{})
		defer close(stop) // a load nobody cancelled must not outlive the check
		load := func(ctx context.Context, key string) (int, error) {
			if calls.Add(1) == 1 {
				select {
				case <-ctx.Done():
					return 0, ctx.Err()
				case <-stop:
					return 0, errors.New("never cancelled")
				}
			}
			return 7, nil
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		c.GetOrLoad(ctx, "k", load)
		synctest.Wait() // the abandoned load must have seen its context cancelled, and returned
		ctx2, cancel2 := context.WithTimeout(t.Context(), time.Minute)
		defer cancel2()
		v, err := c.GetOrLoad(ctx2, "k", load)
		if v != 7 || err != nil || calls.Load() != 2 {
			t.Errorf("after every waiter gave up: GetOrLoad = %d, %v with %d loads; want 7, nil, 2: "+
				"cancel the abandoned load and let the next caller start a fresh one", v, err, calls.Load())
		}
	})
}

func TestGetOrLoadDeleteDuringLoad(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 100})
		stale := 1 + rand.IntN(1000)
		release := make(chan struct{})
		free := sync.OnceFunc(func() { close(release) })
		defer free()
		got := make(chan int, 1)
		go func() {
			v, _ := c.GetOrLoad(t.Context(), "row", func(context.Context, string) (int, error) {
				<-release
				return stale, nil // read before the Delete below
			})
			got <- v
		}()
		synctest.Wait()
		c.Delete("row") // the row changed: invalidate
		free()
		if v := <-got; v != stale {
			t.Fatalf("the waiter got %d, want %d: it still gets the result of the load it waited for", v, stale)
		}
		if v, ok := c.Get("row"); ok {
			t.Errorf("Delete during a load, then Get = %d, true; want a miss: "+
				"the load began before the Delete, its result is stale and must not be stored (forget the call in delete and set)", v)
		}
	})
}
