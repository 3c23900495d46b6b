package files

import (
	"fmt"
)

// A FieldError reports a configuration value that is not allowed.
type FieldError struct {
	Field string // the JSON key, as written in the file, such as "max_bytes"
	Msg   string // what is wrong with its value
}

func (e *FieldError) Error() string { return fmt.Sprintf("field %q: %s", e.Field, e.Msg) }

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
	// TODO(03.05): check each field; for each problem append
	// &FieldError{Field: "level", Msg: "..."} to a []error, and return
	// errors.Join(errs...). Then, in LoadConfig (config.go), call Validate
	// and make a relative Dir relative to the config file's folder.
	return nil
}
