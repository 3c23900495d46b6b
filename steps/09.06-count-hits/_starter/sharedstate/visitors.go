package sharedstate

// Visit counts a visit by name and returns how many name has made,
// including this one.
func (a *App) Visit(name string) int {
	// TODO(09.06): take a.mu.Lock() first (and defer the Unlock).
	a.visitors[name]++
	return a.visitors[name]
}

// Visits returns how many visits name has made. Many readers may call it
// at once; they wait only for a Visit in progress.
func (a *App) Visits(name string) int {
	// TODO(09.06): readers take a.mu.RLock().
	return a.visitors[name]
}
