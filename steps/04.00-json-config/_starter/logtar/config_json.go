package logtar

import (
	"encoding/json"
)

// configFile is the JSON form of a Config, in the order the keys are
// written. The writer and the clock are not settings a file can hold.
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
}

// MarshalJSON writes the config in the form [LoadConfig] reads, with every
// key present. The writer and the clock are left out.
func (c Config) MarshalJSON() ([]byte, error) {
	// TODO(04.00-json-config): fill a configFile from c (the level and the
	// interval as their String forms) and json.Marshal it.
	return nil, nil
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
	// TODO(04.00-json-config): "null" changes nothing. Otherwise decode data
	// into a map[string]json.RawMessage (an error there is a ConfigError
	// with no Field), copy *c, call set for each key in sorted order, then
	// Validate the copy, and only then assign it to *c.
	return nil
}

// set decodes one JSON value into the setting named key.
func (c *Config) set(key string, raw json.RawMessage) error {
	// TODO(04.00-json-config): refuse null; then switch on key, one case per
	// configFile tag, decoding with decodeInto. "level" and
	// "rolling_interval" arrive as strings and need parseLevel and
	// time.ParseDuration. Any other key is configErrorf(key, "unknown key").
	return nil
}

// decodeInto decodes raw into *dst, or returns a ConfigError for key that
// says what was wanted and what was found.
func decodeInto[T any](dst *T, key string, raw json.RawMessage, want string) error {
	// TODO(04.00-json-config): json.Unmarshal raw into dst; on error return
	// configErrorf(key, "want %s, got %s", want, describeJSON(raw)).
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
