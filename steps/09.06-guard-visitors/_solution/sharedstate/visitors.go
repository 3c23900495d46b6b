package sharedstate

// Visit counts a visit by name and returns how many name has made,
// including this one.
func (a *App) Visit(name string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.visitors[name]++
	return a.visitors[name]
}

// Visits returns how many visits name has made. Many readers may call it
// at once; they wait only for a Visit in progress.
func (a *App) Visits(name string) int {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.visitors[name]
}
