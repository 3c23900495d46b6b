package sharedstate

// Hit counts one request and returns the count including it: each caller
// gets its own number, from 1 up, however many call at once.
func (a *App) Hit() int64 {
	return a.hits.Add(1)
}

// Hits returns how many requests were counted.
func (a *App) Hits() int64 {
	return a.hits.Load()
}
