package sharedstate

// Hit counts one request and returns the count including it: each caller
// gets its own number, from 1 up, however many call at once.
func (a *App) Hit() int64 {
	// TODO(09.06): a.hits.Add(1) does the read, the add and the write as
	// one step nobody can interleave with.
	a.hits++
	return a.hits
}

// Hits returns how many requests were counted.
func (a *App) Hits() int64 {
	return a.hits
}
