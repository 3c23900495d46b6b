package logtar

import (
	"fmt"
	"log/slog"
	"strings"
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
	base := levelNames[0]
	for _, n := range levelNames {
		if l >= n.level {
			base = n
		}
	}
	if l == base.level {
		return base.name
	}
	return fmt.Sprintf("%s%+d", base.name, int(l-base.level))
}

// valid reports whether l is one of the five named levels.
func (l Level) valid() bool {
	for _, n := range levelNames {
		if l == n.level {
			return true
		}
	}
	return false
}

// ParseLevel returns the level with the given name. The name is matched
// without regard to case, so "warn", "Warn" and "WARN" all give LevelWarn.
// Any other text, including the "INFO+2" forms String makes for unnamed
// levels, is an error.
func ParseLevel(name string) (Level, error) {
	if l, ok := parseLevel(name); ok {
		return l, nil
	}
	return 0, fmt.Errorf("logtar: unknown level %q: want debug, info, warn, error or critical", name)
}

// parseLevel is ParseLevel without the error message, for callers that
// word their own.
func parseLevel(name string) (Level, bool) {
	for _, n := range levelNames {
		if strings.EqualFold(name, n.name) {
			return n.level, true
		}
	}
	return 0, false
}

// MarshalText writes the level's name, so encoding/json and other text
// encoders show levels as words. It implements [encoding.TextMarshaler].
func (l Level) MarshalText() ([]byte, error) {
	return []byte(l.String()), nil
}

// UnmarshalText sets the level from its name, as [ParseLevel] reads it. It
// implements [encoding.TextUnmarshaler].
func (l *Level) UnmarshalText(text []byte) error {
	parsed, err := ParseLevel(string(text))
	if err != nil {
		return err
	}
	*l = parsed
	return nil
}

// Level returns the matching [slog.Level]. The numbers are the same, so this
// is a plain conversion. The method makes Level a [slog.Leveler], so a
// logtar level can be used wherever slog asks for a minimum level.
func (l Level) Level() slog.Level {
	return slog.Level(l)
}
