package secret

import (
	"io/fs"
)

// FromEnv returns the value of the environment variable name. An unset
// or empty variable is an error that names it.
func FromEnv(name string) (Secret, error) {
	// TODO(13.10): os.LookupEnv; unset is an error naming the variable,
	// empty is ErrEmpty (wrapped, naming it too).
	return Secret{}, nil
}

// Load follows the convention of Docker's and many images' secrets: if
// the variable name+"_FILE" is set, the secret is read from the file it
// names, with [FromFile] and perm; otherwise it is the variable name's
// value. Setting both is an error, since one of them is surely stale.
func Load(name string, perm fs.FileMode) (Secret, error) {
	// TODO(13.10): look up name+"_FILE" and name; both set is an error
	// naming both; the file one goes to FromFile, else FromEnv(name).
	return Secret{}, nil
}
