package naivestore

import (
	"encoding/json"
	"fmt"
	"os"
)

// save writes the whole store to its file.
func (s *Store) save() error {
	b, err := json.Marshal(s.data)
	if err != nil {
		return fmt.Errorf("naivestore: %w", err)
	}
	if err := os.WriteFile(s.path, b, 0o644); err != nil {
		return fmt.Errorf("naivestore: save: %w", err)
	}
	return nil
}
