package naivestore

// Update sets key to what f returns, given the value key has (and whether
// it has one), and saves the store. No other change comes between f's
// read and Update's save, so concurrent Updates of a counter each count.
// f must not call the store's methods: Update holds its lock.
//
// If the save fails, Update returns its error and the store keeps the
// value it had.
func (s *Store) Update(key string, f func(old string, ok bool) string) error {
	// TODO(10.02): two Updates at once both read the old value, and one
	// increment is lost. Give Store a field mu sync.Mutex, hold it in Get,
	// Put and Delete, and here across the read, f and the save.
	old, ok := s.Get(key)
	return s.Put(key, f(old, ok))
}
