package logtar

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"testing"
	"time"
)

// point is a LogValuer that logs as a group, to test resolution.
type point struct{ x, y int }

func (p point) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("x", p.x), slog.Int("y", p.y))
}

// panicky panics in every method a logger might call.
type panicky struct{}

func (*panicky) Error() string               { panic("boom") }
func (panicky) MarshalJSON() ([]byte, error) { panic("bang") }

// indented marshals itself with newlines, which must not reach the record.
type indented struct{}

func (indented) MarshalJSON() ([]byte, error) { return []byte("{\n  \"a\": 1\n}"), nil }

func TestAppendArgs(t *testing.T) {
	tests := []struct {
		name string
		give []any
		want string
	}{
		{"none", nil, ``},
		{"pairs", []any{"a", 1, "b", "x"}, `,"a":1,"b":"x"`},
		{"odd key at end", []any{"a", 1, "dangling"}, `,"a":1,"!BADKEY":"dangling"`},
		{"non-string key", []any{42, "a", 1}, `,"!BADKEY":42,"a":1`},
		{"attr", []any{slog.Int("n", 7), "a", true}, `,"n":7,"a":true`},
		{"group", []any{slog.Group("g", "a", 1, "b", 2)}, `,"g":{"a":1,"b":2}`},
		{"nested group", []any{slog.Group("g", slog.Group("h", "a", 1))}, `,"g":{"h":{"a":1}}`},
		{"empty group", []any{slog.Group("g"), "a", 1}, `,"a":1`},
		{"group of empty attrs", []any{slog.Group("g", slog.Attr{}), "a", 1}, `,"a":1`},
		{"inline group", []any{slog.Group("", "a", 1, "b", 2)}, `,"a":1,"b":2`},
		{"empty attr", []any{slog.Attr{}, "a", 1}, `,"a":1`},
		{"empty key kept", []any{"", 1}, `,"":1`},
		{"log valuer", []any{"p", point{1, 2}}, `,"p":{"x":1,"y":2}`},
		{"key escaped", []any{"a\"b\n", 1}, `,"a\"b\n":1`},
		{"nil", []any{"v", nil}, `,"v":null`},
		{"error", []any{"err", errors.New(`disk "full"`)}, `,"err":"disk \"full\""`},
		{"uint", []any{"u", uint64(math.MaxUint64)}, `,"u":18446744073709551615`},
		{"float", []any{"f", 0.5, "big", 1e21, "small", 1e-7}, `,"f":0.5,"big":1e+21,"small":1e-07`},
		{"not a number", []any{"nan", math.NaN(), "inf", math.Inf(-1)}, `,"nan":"NaN","inf":"-Inf"`},
		{"duration", []any{"d", 1500 * time.Millisecond}, `,"d":1500000000`},
		{"time", []any{"t", time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)}, `,"t":"2024-01-02T03:04:05.000000006Z"`},
		{"slice", []any{"s", []int{1, 2}}, `,"s":[1,2]`},
		{"map", []any{"m", map[string]int{"a": 1}}, `,"m":{"a":1}`},
		{"marshaler with newlines", []any{"i", indented{}}, `,"i":{"a":1}`},
		{"unsupported", []any{"c", make(chan int)}, `,"c":"!ERROR: json: unsupported type: chan int"`},
		{"panicking Error", []any{"e", error((*panicky)(nil))}, `,"e":"!PANIC in Error: boom"`},
		{"panicking MarshalJSON", []any{"m", panicky{}}, `,"m":"!ERROR: panic in MarshalJSON: bang"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Start after an opening field, as in a real record.
			prefix := `{"msg":"m"`
			got := string(appendArgs([]byte(prefix), tt.give))
			if got != prefix+tt.want {
				t.Errorf("appendArgs(%v) = %s, want %s", tt.give, got[len(prefix):], tt.want)
			}
			if !json.Valid([]byte(got + "}")) {
				t.Errorf("appendArgs(%v) gives invalid JSON: %s}", tt.give, got)
			}
		})
	}
}
