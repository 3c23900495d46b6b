package logtar

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

func TestLevelString(t *testing.T) {
	tests := []struct {
		give Level
		want string
	}{
		{LevelDebug, "DEBUG"},
		{LevelInfo, "INFO"},
		{LevelWarn, "WARN"},
		{LevelError, "ERROR"},
		{LevelCritical, "CRITICAL"},
		{LevelInfo + 2, "INFO+2"},
		{LevelDebug - 2, "DEBUG-2"},
		{LevelCritical + 3, "CRITICAL+3"},
		{LevelWarn - 1, "INFO+3"},
	}
	for _, tt := range tests {
		if got := tt.give.String(); got != tt.want {
			t.Errorf("Level(%d).String() = %q, want %q", int(tt.give), got, tt.want)
		}
	}
}

func TestLevelMatchesSlog(t *testing.T) {
	tests := []struct {
		give Level
		want slog.Level
	}{
		{LevelDebug, slog.LevelDebug},
		{LevelInfo, slog.LevelInfo},
		{LevelWarn, slog.LevelWarn},
		{LevelError, slog.LevelError},
	}
	for _, tt := range tests {
		if got := tt.give.Level(); got != tt.want {
			t.Errorf("%v.Level() = %v, want %v", tt.give, got, tt.want)
		}
	}
}

func TestParseLevel(t *testing.T) {
	tests := []struct {
		give string
		want Level
	}{
		{"debug", LevelDebug},
		{"INFO", LevelInfo},
		{"Warn", LevelWarn},
		{"error", LevelError},
		{"cRiTiCaL", LevelCritical},
	}
	for _, tt := range tests {
		got, err := ParseLevel(tt.give)
		if err != nil || got != tt.want {
			t.Errorf("ParseLevel(%q) = %v, %v, want %v, nil", tt.give, got, err, tt.want)
		}
	}
}

func TestParseLevelError(t *testing.T) {
	for _, give := range []string{"", "warning", "INFO+2", " info", "fatal", "4"} {
		_, err := ParseLevel(give)
		if err == nil {
			t.Errorf("ParseLevel(%q) error = nil, want an error", give)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "logtar: ") || !strings.Contains(msg, give) {
			t.Errorf("ParseLevel(%q) error = %q, want it to start with \"logtar: \" and quote the input", give, msg)
		}
	}
}

func TestLevelJSON(t *testing.T) {
	type doc struct {
		Level Level `json:"level"`
	}
	data, err := json.Marshal(doc{LevelWarn})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), `{"level":"WARN"}`; got != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
	var d doc
	if err := json.Unmarshal([]byte(`{"level":"critical"}`), &d); err != nil || d.Level != LevelCritical {
		t.Errorf("json.Unmarshal(critical) = %v, %v, want CRITICAL, nil", d.Level, err)
	}
	if err := json.Unmarshal([]byte(`{"level":"loud"}`), &d); err == nil {
		t.Error(`json.Unmarshal({"level":"loud"}) error = nil, want an error`)
	}
}

func TestLevelValid(t *testing.T) {
	for _, l := range []Level{LevelDebug, LevelInfo, LevelWarn, LevelError, LevelCritical} {
		if !l.valid() {
			t.Errorf("%v.valid() = false, want true", l)
		}
	}
	for _, l := range []Level{-8, 1, 5, 16} {
		if l.valid() {
			t.Errorf("Level(%d).valid() = true, want false", int(l))
		}
	}
}
