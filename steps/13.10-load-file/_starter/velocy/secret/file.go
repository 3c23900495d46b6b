package secret

import (
	"errors"
	"io/fs"
)

// MaxFileSize is the largest secret file FromFile reads: a key or a
// certificate fits, a wrong path to a big file is an error.
const MaxFileSize = 64 << 10

// DefaultPerm is the loosest permission FromFile accepts when given 0:
// read and write for the owner only, as ssh asks of a private key.
const DefaultPerm fs.FileMode = 0o600

// ErrEmpty is returned for a secret that is set but empty: almost always
// a mistake (an empty file, VAR= in a unit file), never a usable secret.
var ErrEmpty = errors.New("secret is empty")

// FromFile reads a secret from the regular file at path, without one
// trailing newline ("\n" or "\r\n"), which editors and `echo` add.
//
// It refuses a file whose permission bits allow more than perm (0 means
// DefaultPerm): with the default, a file that the group or other users
// may read or write is an error that says what to chmod. The mode is
// checked on the opened file, not on the path, so the file checked is
// the file read. Errors never contain the content.
func FromFile(path string, perm fs.FileMode) (Secret, error) {
	// TODO(13.10): open; Stat the open file; refuse a non-regular file
	// and permission bits outside perm (saying which chmod fixes it);
	// read at most MaxFileSize+1 bytes and refuse more; trim one "\n" and
	// then one "\r"; an empty result is ErrEmpty.
	return Secret{}, nil
}
