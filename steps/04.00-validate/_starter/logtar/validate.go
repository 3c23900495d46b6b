package logtar

import (
	"fmt"
	"time"
)

// Limits that Validate enforces.
const (
	// MinRollingInterval is the shortest time between two rolls by time.
	// File names carry milliseconds, so shorter intervals would be possible,
	// but no one needs a new log file more than once a second.
	MinRollingInterval = time.Second

	// MaxQueueSize caps the async queue, so a typo in a config file cannot
	// ask for gigabytes of memory.
	MaxQueueSize = 1 << 20
)

// Validate checks every setting and returns a [*ConfigError] naming the first
// one that is out of range, or nil.
func (c Config) Validate() error {
	// TODO(04.00-validate): one if per rule, in the order of the fields:
	// level, dir (only when there is no writer), file_prefix, rolling_size,
	// rolling_interval, caller_skip, queue_size. Return the first broken
	// rule as configErrorf("<json name>", "<what is wrong>", ...).
	return nil
}

// ConfigError reports a configuration setting that is missing, mistyped or
// out of range. Field is the setting's name as it is spelled in a JSON
// config file ("level", "rolling_size", ...), so a message points straight
// at the line to fix. Use [errors.As] to get at it:
//
//	var ce *logtar.ConfigError
//	if errors.As(err, &ce) {
//		fmt.Println("bad setting:", ce.Field)
//	}
type ConfigError struct {
	File  string // the config file, when the config came from one
	Field string // the setting's JSON name; empty if the document as a whole is wrong
	Err   error  // what is wrong
}

// Error returns "logtar: config <file>: <field>: <reason>", leaving out the
// file and the field when they are empty.
func (e *ConfigError) Error() string {
	// TODO(04.00-validate): build "logtar: config <file>: <field>: <reason>",
	// leaving out " <file>" and " <field>:" when they are empty.
	return ""
}

// Unwrap returns the underlying reason, so errors.Is can look through a
// ConfigError.
func (e *ConfigError) Unwrap() error {
	// TODO(04.00-validate): return the reason.
	return nil
}

// configErrorf builds a ConfigError for field with a formatted reason.
func configErrorf(field, format string, args ...any) *ConfigError {
	return &ConfigError{Field: field, Err: fmt.Errorf(format, args...)}
}
