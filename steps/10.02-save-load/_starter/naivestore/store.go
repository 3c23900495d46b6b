package naivestore

// Store is a map of string keys to string values, kept in one JSON file.
type Store struct {
	path string
	data map[string]string // what the file holds
}

// Open loads the store kept in the file at path. A missing file is an
// empty store; the file is created by the first Put.
func Open(path string) (*Store, error) {
	data, err := load(path)
	if err != nil {
		return nil, err
	}
	return &Store{path: path, data: data}, nil
}

// Get returns the value of key, and whether the store has it.
func (s *Store) Get(key string) (string, bool) {
	v, ok := s.data[key]
	return v, ok
}

// Put sets key to value and saves the store. If the save fails, Put
// returns its error and the store keeps the value it had.
func (s *Store) Put(key, value string) error {
	old, had := s.data[key]
	s.data[key] = value
	if err := s.save(); err != nil {
		s.undo(key, old, had)
		return err
	}
	return nil
}

// Delete removes key and saves the store. If the save fails, Delete
// returns its error and the store keeps the key.
func (s *Store) Delete(key string) error {
	old, had := s.data[key]
	if !had {
		return nil
	}
	delete(s.data, key)
	if err := s.save(); err != nil {
		s.undo(key, old, had)
		return err
	}
	return nil
}

// undo puts back the value key had before a change whose save failed.
func (s *Store) undo(key, old string, had bool) {
	if had {
		s.data[key] = old
	} else {
		delete(s.data, key)
	}
}
