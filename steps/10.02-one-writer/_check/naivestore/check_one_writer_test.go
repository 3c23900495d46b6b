package naivestore

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// oneWriterLock returns s's field mu, or fails the test if Store has none
// of type sync.Mutex.
func oneWriterLock(t *testing.T, s *Store) *sync.Mutex {
	t.Helper()
	v := reflect.ValueOf(s).Elem().FieldByName("mu")
	if !v.IsValid() || v.Type() != reflect.TypeFor[sync.Mutex]() {
		t.Fatal("Store has no field mu of type sync.Mutex: two goroutines that change the store " +
			"at once write its map at once (fatal error: concurrent map writes), and two that " +
			"Update a counter both read the same old value, so one increment is lost")
	}
	return (*sync.Mutex)(unsafe.Pointer(v.UnsafeAddr()))
}

// oneWriterWaits runs call in a goroutine while the test holds s.mu and
// reports whether it waits in Lock (false if call returned without
// waiting); done is closed when call returns.
func oneWriterWaits(method string, call func()) (waits bool, done <-chan struct{}) {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		call()
	}()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		select {
		case <-ch:
			return false, ch
		default:
		}
		stacks := string(buf[:runtime.Stack(buf, true)])
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "naivestore.(*Store)."+method) && strings.Contains(g, "sync.(*Mutex).Lock(") {
				return true, ch
			}
		}
		runtime.Gosched()
	}
	return false, ch
}

func TestOneWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), fmt.Sprintf("store-%d.json", rand.IntN(1e6)))
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mu := oneWriterLock(t, s)
	key := fmt.Sprintf("k%d", rand.IntN(1e6))

	for _, m := range []struct {
		name string
		call func()
	}{
		{"Get", func() { s.Get(key) }},
		{"Put", func() { s.Put(key, "1") }},
		{"Delete", func() { s.Delete(key) }},
		{"Update", func() { s.Update(key, func(string, bool) string { return "2" }) }},
	} {
		mu.Lock()
		waits, done := oneWriterWaits(m.name, m.call)
		mu.Unlock()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s still waits after the test released s.mu: does it unlock (defer s.mu.Unlock())?", m.name)
		}
		if !waits {
			t.Fatalf("%s ran while the test held s.mu: take s.mu.Lock() in %s too, or it reads or "+
				"writes the map while another method changes it", m.name, m.name)
		}
	}

	// f must run under the lock: nothing may come between Update's read
	// and its save.
	err = s.Update(key, func(old string, _ bool) string {
		if mu.TryLock() {
			mu.Unlock()
			t.Error("Update called f without holding s.mu: another Update can read the same old " +
				"value meanwhile, and one of the two changes is lost. Hold the lock from the read to the save")
		}
		return old
	})
	if err != nil {
		t.Fatalf("Update = %v", err)
	}
	if t.Failed() {
		return
	}

	workers, each := 3+rand.IntN(4), 5+rand.IntN(10)
	counter := fmt.Sprintf("count%d", rand.IntN(1e6))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				err := s.Update(counter, func(old string, _ bool) string {
					n, _ := strconv.Atoi(old)
					return strconv.Itoa(n + 1)
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	want := strconv.Itoa(workers * each)
	if got, _ := s.Get(counter); got != want {
		t.Fatalf("%d goroutines each Updated %q +1 %d times: Get = %q, want %s", workers, counter, each, got, want)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := again.Get(counter); got != want {
		t.Fatalf("reopened after %d Updates of %q: Get = %q, want %s: the last save must hold the last change", workers*each, counter, got, want)
	}
}
