package logtar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"time"
)

// configFile is the JSON form of a Config, in the order the keys are
// written. The writer, the clock and the error handler are not settings a
// file can hold.
type configFile struct {
	Level           string `json:"level"`
	Dir             string `json:"dir"`
	FilePrefix      string `json:"file_prefix"`
	RollingSize     int64  `json:"rolling_size"`
	RollingInterval string `json:"rolling_interval"`
	Caller          bool   `json:"caller"`
	CallerSkip      int    `json:"caller_skip"`
	Async           bool   `json:"async"`
	QueueSize       int    `json:"queue_size"`
	ActiveFile      string `json:"active_file"`
	MaxBackups      int    `json:"max_backups"`
	MaxAge          string `json:"max_age"`
	Compress        bool   `json:"compress"`
	LocalTime       bool   `json:"local_time"`
	FileMode        string `json:"file_mode"`
	DropWhenFull    bool   `json:"drop_when_full"`
}

// MarshalJSON writes the config in the form [LoadConfig] reads, with every
// key present. The writer, the clock and the error handler are left out.
func (c Config) MarshalJSON() ([]byte, error) {
	return json.Marshal(configFile{
		Level:           c.level.String(),
		Dir:             c.dir,
		FilePrefix:      c.filePrefix,
		RollingSize:     c.rollingSize,
		RollingInterval: c.rollingInterval.String(),
		Caller:          c.caller,
		CallerSkip:      c.callerSkip,
		Async:           c.async,
		QueueSize:       c.queueSize,
		ActiveFile:      c.activeFile,
		MaxBackups:      c.maxBackups,
		MaxAge:          c.maxAge.String(),
		Compress:        c.compress,
		LocalTime:       c.localTime,
		FileMode:        fmt.Sprintf("%#o", uint32(c.fileMode)),
		DropWhenFull:    c.dropWhenFull,
	})
}

// UnmarshalJSON sets the settings named in a JSON object and keeps the
// others, then validates the result. On any error c is left unchanged. Keys
// are matched exactly (encoding/json on its own would also accept "LEVEL"),
// and unknown keys are errors, so a typo cannot be silently ignored.
//
// To read a config embedded in a larger JSON document, start from
// [NewConfig] so that missing keys get the defaults:
//
//	app := struct{ Log logtar.Config }{Log: logtar.NewConfig()}
//	err := json.Unmarshal(data, &app)
func (c *Config) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil // what encoding/json does for a null value
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return &ConfigError{Err: fmt.Errorf("want a JSON object: %w", err)}
	}
	next := *c
	// Sort the keys so that a document with two mistakes always reports
	// the same one first.
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		if err := next.set(key, fields[key]); err != nil {
			return err
		}
	}
	if err := next.Validate(); err != nil {
		return err
	}
	*c = next
	return nil
}

// set decodes one JSON value into the setting named key.
func (c *Config) set(key string, raw json.RawMessage) error {
	if bytes.Equal(raw, []byte("null")) {
		return configErrorf(key, "must not be null")
	}
	switch key {
	case "level":
		var name string
		if err := decodeInto(&name, key, raw, `a level name such as "info"`); err != nil {
			return err
		}
		l, ok := parseLevel(name)
		if !ok {
			return configErrorf(key, "unknown level %q: want debug, info, warn, error or critical", name)
		}
		c.level = l
	case "dir":
		return decodeInto(&c.dir, key, raw, "a directory path")
	case "file_prefix":
		return decodeInto(&c.filePrefix, key, raw, "a string")
	case "rolling_size":
		return decodeInto(&c.rollingSize, key, raw, "a whole number of bytes")
	case "rolling_interval":
		return decodeDuration(&c.rollingInterval, key, raw, "1h")
	case "caller":
		return decodeInto(&c.caller, key, raw, "true or false")
	case "caller_skip":
		return decodeInto(&c.callerSkip, key, raw, "a whole number of frames")
	case "async":
		return decodeInto(&c.async, key, raw, "true or false")
	case "queue_size":
		return decodeInto(&c.queueSize, key, raw, "a whole number of records")
	case "active_file":
		return decodeInto(&c.activeFile, key, raw, "a file name")
	case "max_backups":
		return decodeInto(&c.maxBackups, key, raw, "a whole number of files")
	case "max_age":
		return decodeDuration(&c.maxAge, key, raw, "720h")
	case "compress":
		return decodeInto(&c.compress, key, raw, "true or false")
	case "local_time":
		return decodeInto(&c.localTime, key, raw, "true or false")
	case "file_mode":
		var text string
		if err := decodeInto(&text, key, raw, `an octal mode such as "0640"`); err != nil {
			return err
		}
		mode, err := strconv.ParseUint(text, 8, 32)
		if err != nil {
			return configErrorf(key, `want an octal mode such as "0640", got %q`, text)
		}
		c.fileMode = fs.FileMode(mode)
	case "drop_when_full":
		return decodeInto(&c.dropWhenFull, key, raw, "true or false")
	default:
		return configErrorf(key, "unknown key")
	}
	return nil
}

// decodeInto decodes raw into *dst, or returns a ConfigError for key that
// says what was wanted and what was found.
func decodeInto[T any](dst *T, key string, raw json.RawMessage, want string) error {
	if err := json.Unmarshal(raw, dst); err != nil {
		return configErrorf(key, "want %s, got %s", want, describeJSON(raw))
	}
	return nil
}

// decodeDuration decodes a duration written as a string, such as example,
// into *dst, or returns a ConfigError for key.
func decodeDuration(dst *time.Duration, key string, raw json.RawMessage, example string) error {
	var text string
	if err := decodeInto(&text, key, raw, fmt.Sprintf("a duration such as %q", example)); err != nil {
		return err
	}
	d, err := time.ParseDuration(text)
	if err != nil {
		return configErrorf(key, "want a duration such as %q, got %q", example, text)
	}
	*dst = d
	return nil
}

// describeJSON names a JSON value for an error message: short values are
// quoted as they are, long ones by their kind.
func describeJSON(raw json.RawMessage) string {
	if len(raw) <= 32 {
		return string(raw)
	}
	switch raw[0] {
	case '"':
		return "a long string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	default:
		return "a long number"
	}
}
