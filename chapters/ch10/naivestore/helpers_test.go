package naivestore_test

import "os"

// exampleDir returns a new temporary directory for an example (examples
// get no t.TempDir); the process's exit leaves it to the system's cleanup.
func exampleDir() string {
	dir, err := os.MkdirTemp("", "naivestore-example-")
	if err != nil {
		panic(err)
	}
	return dir
}
