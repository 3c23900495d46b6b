package logtar

import (
	"fmt"
	"io/fs"
	"strings"
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

	// MinMaxAge is the shortest age after which old files may be deleted,
	// so that "1m" written for "one month" deletes nothing by surprise.
	MinMaxAge = time.Hour
)

// Validate checks every setting and returns a [*ConfigError] naming the first
// one that is out of range, or nil.
func (c Config) Validate() error {
	if !c.level.valid() {
		return configErrorf("level", "unknown level %d: want debug, info, warn, error or critical", int(c.level))
	}
	if c.writer == nil && c.dir == "" {
		return configErrorf("dir", `must not be empty (use "." for the working directory)`)
	}
	if strings.ContainsAny(c.filePrefix, `/\`+"\x00") {
		return configErrorf("file_prefix", "%q must not contain a path separator or NUL byte", c.filePrefix)
	}
	if c.rollingSize < 0 {
		return configErrorf("rolling_size", "%d must not be negative (use 0 to turn rolling by size off)", c.rollingSize)
	}
	if c.rollingInterval < 0 || (c.rollingInterval > 0 && c.rollingInterval < MinRollingInterval) {
		return configErrorf("rolling_interval", "%s must be 0 or at least %s", c.rollingInterval, MinRollingInterval)
	}
	if c.callerSkip < 0 {
		return configErrorf("caller_skip", "%d must not be negative", c.callerSkip)
	}
	if c.queueSize < 1 || c.queueSize > MaxQueueSize {
		return configErrorf("queue_size", "%d must be between 1 and %d", c.queueSize, MaxQueueSize)
	}
	if c.activeFile != "" {
		if strings.ContainsAny(c.activeFile, `/\`+"\x00") || c.activeFile == "." || c.activeFile == ".." {
			return configErrorf("active_file", "%q must be a file name, with no path separator or NUL byte", c.activeFile)
		}
	}
	if c.maxBackups < 0 {
		return configErrorf("max_backups", "%d must not be negative (use 0 to keep every file)", c.maxBackups)
	}
	if c.maxAge < 0 || (c.maxAge > 0 && c.maxAge < MinMaxAge) {
		return configErrorf("max_age", "%s must be 0 or at least %s", c.maxAge, MinMaxAge)
	}
	if c.fileMode&^fs.ModePerm != 0 || c.fileMode&0o600 != 0o600 {
		return configErrorf("file_mode", "%#o must be permission bits (at most 0777) that let the owner read and write", uint32(c.fileMode))
	}
	if c.dropWhenFull && !c.async {
		return configErrorf("drop_when_full", "needs async mode: only a queue can be full")
	}
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
	msg := "logtar: config"
	if e.File != "" {
		msg += " " + e.File
	}
	msg += ":"
	if e.Field != "" {
		msg += " " + e.Field + ":"
	}
	return msg + " " + e.Err.Error()
}

// Unwrap returns the underlying reason, so errors.Is can look through a
// ConfigError.
func (e *ConfigError) Unwrap() error { return e.Err }

// configErrorf builds a ConfigError for field with a formatted reason.
func configErrorf(field, format string, args ...any) *ConfigError {
	return &ConfigError{Field: field, Err: fmt.Errorf(format, args...)}
}
