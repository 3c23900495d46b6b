package naivestore

// Update sets key to what f returns, given the value key has (and whether
// it has one), and saves the store. No other change comes between f's
// read and Update's save, so concurrent Updates of a counter each count.
// f must not call the store's methods: Update holds its lock.
//
// If the save fails, Update returns its error and the store keeps the
// value it had.
func (s *Store) Update(key string, f func(old string, ok bool) string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, had := s.data[key]
	s.data[key] = f(old, had)
	if err := s.save(); err != nil {
		s.undo(key, old, had)
		return err
	}
	return nil
}
