package secret

import (
	"encoding/json"
	"log/slog"
)

// LogValue implements slog.LogValuer: every slog handler, logtar's too,
// resolves a Secret to Redacted before it writes anything.
func (s Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }

// redactedJSON is Redacted as a JSON string.
var redactedJSON, _ = json.Marshal(Redacted)

// MarshalJSON returns Redacted as a JSON string: a config struct dumped
// to JSON, or logged as one, shows that the field is set, not its value.
func (s Secret) MarshalJSON() ([]byte, error) { return redactedJSON, nil }

// MarshalText returns Redacted, for encoders that use encoding.TextMarshaler
// (map keys in JSON, XML, many config formats).
func (s Secret) MarshalText() ([]byte, error) { return []byte(Redacted), nil }

// UnmarshalText sets the Secret to text, so that a config file decoded
// with encoding/json can fill a Secret field from a JSON string. Note
// that marshalling and unmarshalling again gives Redacted, not the value:
// a Secret does not round-trip, by design.
func (s *Secret) UnmarshalText(text []byte) error {
	*s = New(string(text))
	return nil
}
