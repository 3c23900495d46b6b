package secret

import (
	"fmt"
	"io/fs"
	"os"
)

// FromEnv returns the value of the environment variable name. An unset
// or empty variable is an error that names it.
func FromEnv(name string) (Secret, error) {
	v, ok := os.LookupEnv(name)
	if !ok {
		return Secret{}, fmt.Errorf("secret: environment variable %s is not set", name)
	}
	if v == "" {
		return Secret{}, fmt.Errorf("secret: environment variable %s: %w", name, ErrEmpty)
	}
	return New(v), nil
}

// Load follows the convention of Docker's and many images' secrets: if
// the variable name+"_FILE" is set, the secret is read from the file it
// names, with [FromFile] and perm; otherwise it is the variable name's
// value. Setting both is an error, since one of them is surely stale.
//
// A file is the better of the two: the environment is inherited by every
// child process, shown by `docker inspect` and /proc/PID/environ to
// whoever may read them, and often dumped by crash reporters.
func Load(name string, perm fs.FileMode) (Secret, error) {
	file, fromFile := os.LookupEnv(name + "_FILE")
	_, fromEnv := os.LookupEnv(name)
	switch {
	case fromFile && fromEnv:
		return Secret{}, fmt.Errorf("secret: both %s and %s_FILE are set; unset one", name, name)
	case fromFile:
		if file == "" {
			return Secret{}, fmt.Errorf("secret: environment variable %s_FILE: %w", name, ErrEmpty)
		}
		return FromFile(file, perm)
	default:
		return FromEnv(name)
	}
}
