package sharedstate

import (
	"log/slog"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// visitorsLock returns a's field mu, or fails the test if App has none of
// type sync.RWMutex.
func visitorsLock(t *testing.T, a *App) *sync.RWMutex {
	t.Helper()
	v := reflect.ValueOf(a).Elem().FieldByName("mu")
	if !v.IsValid() || v.Type() != reflect.TypeFor[sync.RWMutex]() {
		t.Fatal("App has no field mu of type sync.RWMutex: Visit writes the visitors map while " +
			"other requests read and write it, and Go stops the program at the first concurrent " +
			"write (fatal error: concurrent map writes)")
	}
	return (*sync.RWMutex)(unsafe.Pointer(v.UnsafeAddr()))
}

// visitorsWaits runs call in a goroutine while the test holds a.mu, and
// returns the lock method it waits in ("Lock" or "RLock"), or "" if call
// returned without waiting; done is closed when call returns.
func visitorsWaits(call func()) (waitsIn string, done <-chan struct{}) {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		call()
	}()
	buf := make([]byte, 1<<20)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-ch:
			return "", ch
		default:
		}
		stacks := string(buf[:runtime.Stack(buf, true)])
		for _, g := range strings.Split(stacks, "\n\n") {
			if !strings.Contains(g, "sharedstate.(*App).Visit") {
				continue
			}
			if strings.Contains(g, "sync.(*RWMutex).RLock(") {
				return "RLock", ch
			}
			if strings.Contains(g, "sync.(*RWMutex).Lock(") {
				return "Lock", ch
			}
		}
		runtime.Gosched()
	}
	return "", ch
}

// visitorsFinish waits for done, or fails the test after a while.
func visitorsFinish(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s still waits after the test released a.mu: does it unlock (defer a.mu.Unlock())?", what)
	}
}

func TestVisitorsAreGuarded(t *testing.T) {
	a := New(slog.New(slog.DiscardHandler), Config{})
	mu := visitorsLock(t, a)
	name := configWordVisitors()

	mu.RLock()
	waits, done := visitorsWaits(func() { a.Visit(name) })
	mu.RUnlock()
	visitorsFinish(t, done, "Visit")
	if waits != "Lock" {
		t.Fatal("Visit returned while a reader held a.mu: Visit writes the map, so it must take a.mu.Lock() first")
	}
	mu.Lock()
	waits, done = visitorsWaits(func() { a.Visits(name) })
	mu.Unlock()
	visitorsFinish(t, done, "Visits")
	switch waits {
	case "":
		t.Fatal("Visits returned while a writer held a.mu: a read of the map races with Visit's write; take a.mu.RLock()")
	case "Lock":
		t.Fatal("Visits takes a.mu.Lock(): readers then wait for each other too. Take the read lock, a.mu.RLock()")
	}
	if got := a.Visits(name); got != 1 {
		t.Fatalf("after Visit(%q), Visits(%q) = %d, want 1", name, name, got)
	}

	names := make([]string, 2+rand.IntN(4))
	for i := range names {
		names[i] = configWordVisitors() + string(rune('A'+i))
	}
	workers, each := 4+rand.IntN(4), 100+rand.IntN(200)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				n := names[(w+i)%len(names)]
				a.Visit(n)
				_ = a.Visits(n)
			}
		})
	}
	wg.Wait()
	want := make(map[string]int)
	for w := range workers {
		for i := range each {
			want[names[(w+i)%len(names)]]++
		}
	}
	for _, n := range names {
		if got := a.Visits(n); got != want[n] {
			t.Errorf("after %d goroutines visited, Visits(%q) = %d, want %d", workers, n, got, want[n])
		}
	}
}

// configWordVisitors returns a random lower-case name.
func configWordVisitors() string {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}
