package logtar

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"testing"
	"time"
)

// attrsStepPoint is a LogValuer that logs as a group.
type attrsStepPoint struct{ x, y int }

func (p attrsStepPoint) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("x", p.x), slog.Int("y", p.y))
}

// attrsStepPanicky panics in every method a logger might call.
type attrsStepPanicky struct{}

func (*attrsStepPanicky) Error() string               { panic("boom") }
func (attrsStepPanicky) MarshalJSON() ([]byte, error) { panic("bang") }

// attrsStepIndented marshals itself with newlines, which must not reach the
// record.
type attrsStepIndented struct{}

func (attrsStepIndented) MarshalJSON() ([]byte, error) { return []byte("{\n  \"a\": 1\n}"), nil }

func TestRecordAttrsKey(t *testing.T) {
	tests := []struct{ give, key, want string }{
		{`{`, "a", `{"a":`},
		{`{"msg":"m"`, "a", `{"msg":"m","a":`},
		{`{"g":{`, "say \"hi\"", `{"g":{"say \"hi\"":`},
	}
	for _, tt := range tests {
		if got := string(appendKey([]byte(tt.give), tt.key)); got != tt.want {
			t.Errorf("appendKey([]byte(`%s`), %q) = %s, want %s", tt.give, tt.key, got, tt.want)
		}
	}
}

func TestRecordAttrsArgs(t *testing.T) {
	tests := []struct {
		name string
		give []any
		want string
	}{
		{"no arguments", nil, ``},
		{"pairs", []any{"a", 1, "b", "x"}, `,"a":1,"b":"x"`},
		{"a key with no value at the end", []any{"a", 1, "dangling"}, `,"a":1,"!BADKEY":"dangling"`},
		{"a key that is not a string", []any{42, "a", 1}, `,"!BADKEY":42,"a":1`},
		{"an Attr stands alone", []any{slog.Int("n", 7), "a", true}, `,"n":7,"a":true`},
		{"a group", []any{slog.Group("g", "a", 1, "b", 2)}, `,"g":{"a":1,"b":2}`},
		{"nested groups", []any{slog.Group("g", slog.Group("h", "a", 1))}, `,"g":{"h":{"a":1}}`},
		{"an empty group is left out", []any{slog.Group("g"), "a", 1}, `,"a":1`},
		{"a group of empty Attrs is left out", []any{slog.Group("g", slog.Attr{}), "a", 1}, `,"a":1`},
		{"a group with an empty key is inlined", []any{slog.Group("", "a", 1, "b", 2)}, `,"a":1,"b":2`},
		{"the empty Attr is left out", []any{slog.Attr{}, "a", 1}, `,"a":1`},
		{"an empty key with a value is kept", []any{"", 1}, `,"":1`},
		{"a LogValuer is resolved", []any{"p", attrsStepPoint{1, 2}}, `,"p":{"x":1,"y":2}`},
		{"keys are escaped", []any{"a\"b\n", 1}, `,"a\"b\n":1`},
		{"nil", []any{"v", nil}, `,"v":null`},
		{"an error is its message", []any{"err", errors.New(`disk "full"`)}, `,"err":"disk \"full\""`},
		{"uint64", []any{"u", uint64(math.MaxUint64)}, `,"u":18446744073709551615`},
		{"floats as encoding/json writes them", []any{"f", 0.5, "big", 1e21, "small", 1e-7, "zero", 0.0}, `,"f":0.5,"big":1e+21,"small":1e-07,"zero":0`},
		{"NaN and infinity as strings", []any{"nan", math.NaN(), "inf", math.Inf(-1)}, `,"nan":"NaN","inf":"-Inf"`},
		{"a duration in nanoseconds", []any{"d", 1500 * time.Millisecond}, `,"d":1500000000`},
		{"a time", []any{"t", time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)}, `,"t":"2024-01-02T03:04:05.000000006Z"`},
		{"a bool", []any{"ok", false}, `,"ok":false`},
		{"a slice, by encoding/json", []any{"s", []int{1, 2}}, `,"s":[1,2]`},
		{"a map, by encoding/json", []any{"m", map[string]int{"a": 1}}, `,"m":{"a":1}`},
		{"a MarshalJSON with newlines is compacted", []any{"i", attrsStepIndented{}}, `,"i":{"a":1}`},
		{"a type encoding/json refuses", []any{"c", make(chan int)}, `,"c":"!ERROR: json: unsupported type: chan int"`},
		{"an Error method that panics", []any{"e", error((*attrsStepPanicky)(nil))}, `,"e":"!PANIC in Error: boom"`},
		{"a MarshalJSON that panics", []any{"m", attrsStepPanicky{}}, `,"m":"!ERROR: panic in MarshalJSON: bang"`},
	}
	for _, tt := range tests {
		// Start after an opening field, as in a real record.
		prefix := `{"msg":"m"`
		got := string(appendArgs([]byte(prefix), tt.give))
		if got != prefix+tt.want {
			t.Errorf("appendArgs with %s: appended %s, want %s", tt.name, got[len(prefix):], tt.want)
			continue
		}
		if !json.Valid([]byte(got + "}")) {
			t.Errorf("appendArgs with %s: the record %s} is not valid JSON", tt.name, got)
		}
	}
}

func TestRecordAttrsTypedFieldsDoNotAllocate(t *testing.T) {
	attrs := []slog.Attr{
		slog.String("path", "/orders"),
		slog.Int("status", 200),
		slog.Float64("ratio", 0.25),
		slog.Bool("cached", true),
		slog.Duration("took", time.Second),
		slog.Group("user", slog.Int("id", 42)),
	}
	buf := make([]byte, 0, 1024)
	n := testing.AllocsPerRun(100, func() {
		buf = buf[:0]
		for _, a := range attrs {
			buf = appendAttr(buf, a)
		}
	})
	if n != 0 {
		t.Errorf("appendAttr of strings, numbers, bools, durations and a group allocates %v times, want 0: use strconv.Append*, not fmt or encoding/json, for the kinds slog models", n)
	}
}
