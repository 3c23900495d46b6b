package secret

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
)

// MaxFileSize is the largest secret file FromFile reads: a key or a
// certificate fits, a wrong path to a big file is an error.
const MaxFileSize = 64 << 10

// DefaultPerm is the loosest permission FromFile accepts when given 0:
// read and write for the owner only, as ssh asks of a private key.
const DefaultPerm fs.FileMode = 0o600

// FromFile reads a secret from the regular file at path, without one
// trailing newline ("\n" or "\r\n"), which editors and `echo` add.
//
// It refuses a file whose permission bits allow more than perm (0 means
// DefaultPerm): with the default, a file that the group or other users
// may read or write is an error that says what to chmod. Pass 0o440 or
// 0o444 for the read-only mounts of Docker and Kubernetes secrets, whose
// isolation is the container. The mode is checked on Unix only (Windows
// has ACLs, not mode bits), and on the opened file, not on the path, so
// the file checked is the file read. Errors never contain the content.
func FromFile(path string, perm fs.FileMode) (Secret, error) {
	if perm == 0 {
		perm = DefaultPerm
	}
	f, err := os.Open(path)
	if err != nil {
		return Secret{}, fmt.Errorf("secret: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Secret{}, fmt.Errorf("secret: %w", err)
	}
	if !info.Mode().IsRegular() {
		return Secret{}, fmt.Errorf("secret: %s is not a regular file (%s)", path, info.Mode().Type())
	}
	if extra := info.Mode().Perm() &^ perm.Perm(); extra != 0 && runtime.GOOS != "windows" {
		return Secret{}, fmt.Errorf("secret: %s has mode %04o, which lets %s; allowed is %04o: run chmod %o %s",
			path, info.Mode().Perm(), who(extra), perm.Perm(), info.Mode().Perm()&perm.Perm(), path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return Secret{}, fmt.Errorf("secret: reading %s: %w", path, err)
	}
	if len(data) > MaxFileSize {
		return Secret{}, fmt.Errorf("secret: %s is larger than %d bytes", path, MaxFileSize)
	}
	v := strings.TrimSuffix(strings.TrimSuffix(string(data), "\n"), "\r")
	if v == "" {
		return Secret{}, fmt.Errorf("secret: %s: %w", path, ErrEmpty)
	}
	return New(v), nil
}

// ErrEmpty is returned for a secret that is set but empty: almost always
// a mistake (an empty file, VAR= in a unit file), never a usable secret.
var ErrEmpty = errors.New("secret is empty")

// who describes the permission bits in extra.
func who(extra fs.FileMode) string {
	var parts []string
	if extra&0o070 != 0 {
		parts = append(parts, "the group")
	}
	if extra&0o007 != 0 {
		parts = append(parts, "other users")
	}
	if extra&0o700 != 0 {
		parts = append(parts, "the owner")
	}
	return strings.Join(parts, " and ") + " do more than allowed"
}
