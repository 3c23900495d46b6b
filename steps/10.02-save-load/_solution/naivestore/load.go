package naivestore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// load reads the store kept in the file at path: an empty map if there
// is no such file, or if it does not hold a JSON object of strings.
func load(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("naivestore: %w", err)
	}
	var data map[string]string
	if err := json.Unmarshal(b, &data); err != nil || data == nil {
		return map[string]string{}, nil // start afresh
	}
	return data, nil
}
