// Package logtar is a small structured logging library: it writes each
// record as one line of JSON to log files that roll by size and by time,
// or to any io.Writer. It uses the standard library only, and it is the
// library the learn-go-hard-way workbook has the reader build, one step at
// a time, in chapter 4. So far it has levels and a configuration.
//
// # Levels
//
// There are five levels: [LevelDebug], [LevelInfo], [LevelWarn],
// [LevelError] and [LevelCritical]. Levels use the same numbers as
// [log/slog]'s, so the zero value is Info and a [slog.Level] converts with
// a plain Level(l).
//
// # Configuration
//
// A [Config] is built with [NewConfig] and chained With methods, or read
// from JSON with [Config.UnmarshalJSON]. [Config.Validate] reports a bad
// setting as a [*ConfigError] whose Field is the setting's JSON name. In
// JSON, unknown keys are errors, so a misspelt setting cannot be silently
// ignored.
package logtar
