package naivestore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// load reads the store kept in the file at path: an empty map if there
// is no such file, an error wrapping ErrCorrupt if there is one but it is
// not a JSON object of strings (an empty file included). The file is left
// as it is, for a person to look at.
func load(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("naivestore: %w", err)
	}
	var data map[string]string
	if err := json.Unmarshal(b, &data); err != nil {
		return nil, fmt.Errorf("naivestore: %s (%d bytes): %w: %v", path, len(b), ErrCorrupt, err)
	}
	if data == nil { // the file says null
		return nil, fmt.Errorf("naivestore: %s holds null, not an object: %w", path, ErrCorrupt)
	}
	return data, nil
}
