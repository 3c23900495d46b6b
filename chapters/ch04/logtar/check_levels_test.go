package logtar

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestLevelNames(t *testing.T) {
	tests := []struct {
		give Level
		want string
	}{
		{LevelDebug, "DEBUG"},
		{LevelInfo, "INFO"},
		{LevelWarn, "WARN"},
		{LevelError, "ERROR"},
		{LevelCritical, "CRITICAL"},
	}
	for _, tt := range tests {
		if got := tt.give.String(); got != tt.want {
			t.Errorf("Level(%d).String() = %q, want %q", int(tt.give), got, tt.want)
		}
	}
}

func TestLevelNamesBetween(t *testing.T) {
	tests := []struct {
		give Level
		want string
		why  string
	}{
		{LevelInfo + 2, "INFO+2", "two above Info"},
		{LevelWarn - 1, "INFO+3", "below Warn counts up from Info"},
		{LevelDebug - 2, "DEBUG-2", "below Debug counts down from Debug"},
		{LevelCritical + 3, "CRITICAL+3", "above the highest name"},
		{Level(-100), "DEBUG-96", "far below"},
	}
	for _, tt := range tests {
		if got := tt.give.String(); got != tt.want {
			t.Errorf("Level(%d).String() = %q, want %q (%s)", int(tt.give), got, tt.want, tt.why)
		}
	}
}

func TestLevelValidOnlyForNames(t *testing.T) {
	for _, l := range []Level{LevelDebug, LevelInfo, LevelWarn, LevelError, LevelCritical} {
		if !l.valid() {
			t.Errorf("Level(%d).valid() = false, want true: it is one of the five named levels", int(l))
		}
	}
	for _, l := range []Level{-8, -3, 1, 5, 16} {
		if l.valid() {
			t.Errorf("Level(%d).valid() = true, want false: only the five named levels are valid", int(l))
		}
	}
}

func TestLevelParse(t *testing.T) {
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
			t.Errorf("ParseLevel(%q) = Level(%d), %v, want Level(%d), nil", tt.give, int(got), err, int(tt.want))
		}
	}
}

func TestLevelParseRejects(t *testing.T) {
	tests := []struct {
		give string
		why  string
	}{
		{"", "empty"},
		{"warning", "not a name, only close to one"},
		{" info", "a space is not ignored"},
		{"INFO+2", "String writes it, but a config should name a level"},
		{"4", "a number, not a name"},
		{"fatal", "not one of the five"},
	}
	for _, tt := range tests {
		l, err := ParseLevel(tt.give)
		if err == nil {
			t.Errorf("ParseLevel(%q) = Level(%d), nil, want an error (%s)", tt.give, int(l), tt.why)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "logtar: ") || !strings.Contains(msg, `"`+tt.give+`"`) {
			t.Errorf("ParseLevel(%q) error = %q, want it to start with \"logtar: \" and quote the input (%%q)", tt.give, msg)
		}
	}
}

func TestLevelAsJSONText(t *testing.T) {
	type doc struct {
		Level Level `json:"level"`
	}
	data, err := json.Marshal(doc{LevelWarn})
	if got, want := string(data), `{"level":"WARN"}`; err != nil || got != want {
		t.Errorf("json.Marshal(struct{Level: LevelWarn}) = %s, %v, want %s, nil: MarshalText should return the name", got, err, want)
	}
	d := doc{LevelDebug}
	if err := json.Unmarshal([]byte(`{"level":"critical"}`), &d); err != nil || d.Level != LevelCritical {
		t.Errorf(`json.Unmarshal({"level":"critical"}) gives Level(%d), %v, want Level(12), nil: UnmarshalText should parse the name`, int(d.Level), err)
	}
	d = doc{LevelDebug}
	if err := json.Unmarshal([]byte(`{"level":"loud"}`), &d); err == nil {
		t.Errorf(`json.Unmarshal({"level":"loud"}) error = nil, want an error from UnmarshalText`)
	} else if d.Level != LevelDebug {
		t.Errorf(`json.Unmarshal({"level":"loud"}) changed the level to Level(%d), want it left alone: Level(-4)`, int(d.Level))
	}
}

func TestLevelMatchesSlogLevel(t *testing.T) {
	tests := []struct {
		give Level
		want slog.Level
	}{
		{LevelDebug, slog.LevelDebug},
		{LevelInfo, slog.LevelInfo},
		{LevelWarn, slog.LevelWarn},
		{LevelError, slog.LevelError},
		{LevelCritical, slog.LevelError + 4},
		{LevelInfo + 2, slog.LevelInfo + 2},
	}
	for _, tt := range tests {
		if got := tt.give.Level(); got != tt.want {
			t.Errorf("Level(%d).Level() = slog.Level(%d), want slog.Level(%d)", int(tt.give), int(got), int(tt.want))
		}
	}
	var _ slog.Leveler = LevelWarn // a Level can be a slog handler's minimum level
}

func TestLevelNamesRandom(t *testing.T) {
	named := []struct {
		level Level
		name  string
	}{{LevelDebug, "DEBUG"}, {LevelInfo, "INFO"}, {LevelWarn, "WARN"}, {LevelError, "ERROR"}, {LevelCritical, "CRITICAL"}}
	for range 50 {
		l := Level(rand.IntN(61) - 30)
		base := named[0]
		for _, n := range named {
			if l >= n.level {
				base = n
			}
		}
		want := base.name
		if d := int(l - base.level); d != 0 {
			want += fmt.Sprintf("%+d", d)
		}
		if got := l.String(); got != want {
			t.Fatalf("Level(%d).String() = %q, want %q: the nearest name at or below it (DEBUG for anything lower) plus the distance, with its sign", int(l), got, want)
		}
		if got, want := l.valid(), want == base.name; got != want {
			t.Fatalf("Level(%d).valid() = %v, want %v", int(l), got, want)
		}
		if got := l.Level(); got != slog.Level(l) {
			t.Fatalf("Level(%d).Level() = slog.Level(%d), want slog.Level(%d)", int(l), int(got), int(l))
		}
	}
	for range 20 {
		n := named[rand.IntN(len(named))]
		b := []byte(strings.ToLower(n.name))
		for i := range b {
			if rand.IntN(2) == 0 {
				b[i] -= 'a' - 'A'
			}
		}
		if got, err := ParseLevel(string(b)); err != nil || got != n.level {
			t.Fatalf("ParseLevel(%q) = Level(%d), %v, want Level(%d), nil: names match in any case", b, int(got), err, int(n.level))
		}
	}
}
