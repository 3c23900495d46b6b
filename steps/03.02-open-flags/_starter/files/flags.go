package files

import (
	"errors"
)

// ErrBadMode reports a mode string that OpenFlags does not know.
var ErrBadMode = errors.New("files: unknown open mode")

// OpenFlags translates a short mode string, in the style of C's fopen, into
// flags for os.OpenFile:
//
//	"r"   read an existing file                 O_RDONLY
//	"r+"  read and write an existing file       O_RDWR
//	"w"   write, creating or emptying the file  O_WRONLY|O_CREATE|O_TRUNC
//	"w+"  the same, and read too                O_RDWR|O_CREATE|O_TRUNC
//	"a"   append, creating the file if needed   O_WRONLY|O_CREATE|O_APPEND
//	"a+"  the same, and read too                O_RDWR|O_CREATE|O_APPEND
//
// An "x" right after "w" or "a" ("wx", "wx+", "ax", "ax+") adds O_EXCL: the
// open fails if the file already exists. Any other string returns an error
// wrapping ErrBadMode.
func OpenFlags(mode string) (int, error) {
	// TODO(03.02): return the flags for each of the ten modes above,
	// combined with | (a switch or a map both work), and
	// fmt.Errorf("%w %q", ErrBadMode, mode) for anything else.
	return 0, nil
}
