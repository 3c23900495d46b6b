package fast

// Spawn calls f(0), f(1), … f(n-1), each in a goroutine of its own, and
// returns when every call has returned. With n <= 0 it calls nothing.
func Spawn(n int, f func(i int)) {
	// TODO(00.01-spawn-wait): start one goroutine per index with a
	// sync.WaitGroup (its Go method starts a goroutine and counts it), then
	// wait for all of them.
}
