package naivestore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// save writes the whole store to its file so that a crash at any moment
// leaves either the file as it was or the new one, complete:
//
//  1. write it to a new temporary file in the same directory,
//  2. sync that file, so its bytes are on the disk,
//  3. rename it over the store's file, which replaces the name's target
//     in one step (both must be on one file system, hence the directory),
//  4. sync the directory, so that the rename is on the disk too.
//
// On any error the temporary file is removed and the old file is left.
func (s *Store) save() error {
	b, err := json.Marshal(s.data)
	if err != nil {
		return fmt.Errorf("naivestore: %w", err)
	}
	dir, name := filepath.Split(s.path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, name+".tmp-*")
	if err != nil {
		return fmt.Errorf("naivestore: save: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("naivestore: save %s: %w", s.path, err)
	}
	return syncDir(dir)
}
