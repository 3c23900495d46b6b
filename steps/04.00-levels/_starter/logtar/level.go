package logtar

import (
	"log/slog"
)

// Level is the importance of a log record. A Logger writes a record only if
// its level is at least the Logger's minimum level.
//
// The levels are spaced four apart and use the same numbers as [slog.Level],
// so a Level converts to a slog.Level and back without a lookup table, and
// the zero value is Info. The gaps leave room for levels in between, such as
// the ones slog users write as slog.LevelInfo+2.
type Level int

// The five named levels, from least to most severe.
const (
	LevelDebug    Level = -4 // details for whoever is chasing a bug
	LevelInfo     Level = 0  // normal events worth keeping
	LevelWarn     Level = 4  // something odd that did not stop the work
	LevelError    Level = 8  // an operation failed
	LevelCritical Level = 12 // the program cannot go on as it should
)

// levelNames lists the named levels in order, for String and ParseLevel.
// Keep it: later files (the record encoder) use it too.
var levelNames = []struct {
	level Level
	name  string
}{
	{LevelDebug, "DEBUG"},
	{LevelInfo, "INFO"},
	{LevelWarn, "WARN"},
	{LevelError, "ERROR"},
	{LevelCritical, "CRITICAL"},
}

// String returns the level's name in capitals: "DEBUG", "INFO", "WARN",
// "ERROR" or "CRITICAL". A level between two names is written as the lower
// name plus the distance, as slog does: Level(2) is "INFO+2", Level(-6) is
// "DEBUG-2" and Level(15) is "CRITICAL+3".
func (l Level) String() string {
	// TODO(04.00-levels): find the highest named level at or below l (below
	// Debug, use Debug). If l is that level, return its name; otherwise
	// return the name and the signed distance, fmt.Sprintf("%s%+d", ...).
	return ""
}

// valid reports whether l is one of the five named levels.
func (l Level) valid() bool {
	// TODO(04.00-levels): look l up in levelNames.
	return false
}

// ParseLevel returns the level with the given name. The name is matched
// without regard to case, so "warn", "Warn" and "WARN" all give LevelWarn.
// Any other text, including the "INFO+2" forms String makes for unnamed
// levels, is an error.
func ParseLevel(name string) (Level, error) {
	// TODO(04.00-levels): use parseLevel; for an unknown name return an error
	// that starts with "logtar: ", quotes the name (%q) and lists the
	// names that would have worked.
	return 0, nil
}

// parseLevel is ParseLevel without the error message, for callers that
// word their own.
func parseLevel(name string) (Level, bool) {
	// TODO(04.00-levels): compare name with each name in levelNames,
	// ignoring case (strings.EqualFold).
	return 0, false
}

// MarshalText writes the level's name, so encoding/json and other text
// encoders show levels as words. It implements [encoding.TextMarshaler].
func (l Level) MarshalText() ([]byte, error) {
	// TODO(04.00-levels): the text is the level's String.
	return nil, nil
}

// UnmarshalText sets the level from its name, as [ParseLevel] reads it. It
// implements [encoding.TextUnmarshaler].
func (l *Level) UnmarshalText(text []byte) error {
	// TODO(04.00-levels): parse text; change *l only if it parsed.
	return nil
}

// Level returns the matching [slog.Level]. The numbers are the same, so this
// is a plain conversion. The method makes Level a [slog.Leveler], so a
// logtar level can be used wherever slog asks for a minimum level.
func (l Level) Level() slog.Level {
	// TODO(04.00-levels): convert.
	return 0
}
