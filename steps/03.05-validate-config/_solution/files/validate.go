package files

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A FieldError reports a configuration value that is not allowed.
type FieldError struct {
	Field string // the JSON key, as written in the file, such as "max_bytes"
	Msg   string // what is wrong with its value
}

func (e *FieldError) Error() string { return fmt.Sprintf("field %q: %s", e.Field, e.Msg) }

// levels are the values Config.Level may take, lowest first.
var levels = []string{"debug", "info", "warn", "error"}

// minMaxBytes is the smallest Config.MaxBytes allowed: below it, a log file
// would be rolled over after a handful of lines.
const minMaxBytes = 1024

// Validate checks every field of c and reports every problem at once, each
// as a *FieldError, joined with errors.Join; it returns nil when c is
// valid. Reporting all problems together saves the user a round trip per
// mistake.
//
// Level must be one of "debug", "info", "warn" and "error". Prefix must be
// a plain file name part: not empty, and without a path separator or "..",
// so that it cannot place log files outside Dir. Dir must not be empty.
// MaxBytes must be at least 1024.
func (c Config) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if !slices.Contains(levels, c.Level) {
		bad("level", "%q is not one of %s", c.Level, strings.Join(levels, ", "))
	}
	switch {
	case c.Prefix == "":
		bad("prefix", "must not be empty")
	case strings.ContainsAny(c.Prefix, `/\`) || strings.Contains(c.Prefix, ".."):
		bad("prefix", "%q must be a plain name, without / or \\ or ..", c.Prefix)
	}
	if c.Dir == "" {
		bad("dir", "must not be empty")
	}
	if c.MaxBytes < minMaxBytes {
		bad("max_bytes", "%d is too small, want at least %d", c.MaxBytes, minMaxBytes)
	}
	return errors.Join(errs...)
}
