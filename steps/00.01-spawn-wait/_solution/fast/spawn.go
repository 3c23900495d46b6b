package fast

import "sync"

// Spawn calls f(0), f(1), … f(n-1), each in a goroutine of its own, and
// returns when every call has returned. With n <= 0 it calls nothing.
func Spawn(n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { f(i) })
	}
	wg.Wait()
}
