package logtar

import "fmt"

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
