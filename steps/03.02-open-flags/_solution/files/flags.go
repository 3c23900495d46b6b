package files

import (
	"errors"
	"fmt"
	"os"
)

// ErrBadMode reports a mode string that OpenFlags does not know.
var ErrBadMode = errors.New("files: unknown open mode")

// openModes maps each mode string to its os.OpenFile flags.
var openModes = map[string]int{
	"r":   os.O_RDONLY,
	"r+":  os.O_RDWR,
	"w":   os.O_WRONLY | os.O_CREATE | os.O_TRUNC,
	"w+":  os.O_RDWR | os.O_CREATE | os.O_TRUNC,
	"wx":  os.O_WRONLY | os.O_CREATE | os.O_TRUNC | os.O_EXCL,
	"wx+": os.O_RDWR | os.O_CREATE | os.O_TRUNC | os.O_EXCL,
	"a":   os.O_WRONLY | os.O_CREATE | os.O_APPEND,
	"a+":  os.O_RDWR | os.O_CREATE | os.O_APPEND,
	"ax":  os.O_WRONLY | os.O_CREATE | os.O_APPEND | os.O_EXCL,
	"ax+": os.O_RDWR | os.O_CREATE | os.O_APPEND | os.O_EXCL,
}

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
	flags, ok := openModes[mode]
	if !ok {
		return 0, fmt.Errorf("%w %q (want r, r+, w, w+, wx, wx+, a, a+, ax or ax+)", ErrBadMode, mode)
	}
	return flags, nil
}
