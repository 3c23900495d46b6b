package naivestore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// removeTemps removes the temporary files that saves of the store kept at
// path left behind when the process died in the middle of one: the
// files in the same directory whose names are the store's file name
// followed by ".tmp-". A missing directory has none.
func removeTemps(path string) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("naivestore: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), name+".tmp-") {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("naivestore: remove a crashed save's file: %w", err)
			}
		}
	}
	return nil
}
