package naivestore

// save writes the whole store to its file.
func (s *Store) save() error {
	// TODO(10.02): encode s.data with json.Marshal and write it to s.path
	// with os.WriteFile (mode 0o644), returning any error.
	return nil
}
