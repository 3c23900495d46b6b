package logtar

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestAppendString(t *testing.T) {
	tests := []struct {
		give string
		want string
	}{
		{"", `""`},
		{"plain text", `"plain text"`},
		{`say "hi"`, `"say \"hi\""`},
		{`C:\dir`, `"C:\\dir"`},
		{"two\nlines", `"two\nlines"`},
		{"cr\rtab\t", `"cr\rtab\t"`},
		{"nul\x00bell\x07esc\x1b", `"nul\u0000bell\u0007esc\u001b"`},
		{"del\x7f", "\"del\x7f\""},
		{"héllo, 世界 🙂", `"héllo, 世界 🙂"`},
		{"bad \xff byte", `"bad \ufffd byte"`},
		{"cut \xe4\xb8", `"cut \ufffd\ufffd"`},
		{"real \ufffd stays", "\"real \ufffd stays\""},
		{"js\u2028line\u2029sep", `"js\u2028line\u2029sep"`},
		{"<html>&", `"<html>&"`},
	}
	for _, tt := range tests {
		if got := string(appendString(nil, tt.give)); got != tt.want {
			t.Errorf("appendString(%q) = %s, want %s", tt.give, got, tt.want)
		}
	}
}

func TestAppendTime(t *testing.T) {
	tests := []struct {
		give time.Time
		want string
	}{
		{testTime, "2024-05-06T07:08:09.123Z"},
		{time.Date(2024, 5, 6, 9, 8, 9, 0, time.FixedZone("CEST", 2*3600)), "2024-05-06T07:08:09.000Z"},
		{time.Date(1, 1, 1, 0, 0, 0, 999_999_999, time.UTC), "0001-01-01T00:00:00.999Z"},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "9999-12-31T23:59:59.000Z"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "10000-01-01T00:00:00.000Z"},
	}
	for _, tt := range tests {
		if got := string(appendTime(nil, tt.give)); got != tt.want {
			t.Errorf("appendTime(%v) = %s, want %s", tt.give, got, tt.want)
		}
	}
}

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

func TestAppendHeader(t *testing.T) {
	tests := []struct {
		name  string
		time  time.Time
		level Level
		msg   string
		want  string
	}{
		{"full", testTime, LevelWarn, "disk low", `{"time":"2024-05-06T07:08:09.123Z","level":"WARN","msg":"disk low"`},
		{"zero time left out", time.Time{}, LevelInfo, "x", `{"level":"INFO","msg":"x"`},
		{"unnamed level", testTime, LevelInfo + 2, "", `{"time":"2024-05-06T07:08:09.123Z","level":"INFO+2","msg":""`},
	}
	for _, tt := range tests {
		if got := string(appendHeader(nil, tt.time, tt.level, tt.msg)); got != tt.want {
			t.Errorf("%s: appendHeader = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// encodeRecord encodes a whole record the way Logger.log does, without the
// time, so that tests can compare it with encoding/json.
func encodeRecord(msg string, args ...any) string {
	b := appendHeader(nil, time.Time{}, LevelInfo, msg)
	b = appendArgs(b, args)
	return string(append(b, "}\n"...))
}

// FuzzEncoder checks the encoder against encoding/json: whatever the
// message and values, the record is one line of valid JSON that decodes
// back to them (with invalid UTF-8 replaced, as encoding/json does).
func FuzzEncoder(f *testing.F) {
	f.Add("hello", "key", "value", int64(1), 0.5)
	f.Add("two\nlines", "k\"ey", "tab\there", int64(-1), math.Inf(1))
	f.Add("bad \xff utf8", "\x00", "\u2028", int64(math.MinInt64), math.NaN())
	f.Add(`\"quoted\"`, "", "\x1b[31mred", int64(42), 1e-300)
	f.Fuzz(func(t *testing.T, msg, key, value string, n int64, x float64) {
		line := encodeRecord(msg, key, value, "n", n, "x", x)
		if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "}\n") {
			t.Fatalf("record is not exactly one line: %q", line)
		}
		var got map[string]any
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("record %q is not valid JSON: %v", line, err)
		}
		if want := string([]rune(msg)); got["msg"] != want {
			t.Errorf("msg decoded to %q, want %q", got["msg"], want)
		}
		// A key equal to one of the fixed keys overwrites it in the map;
		// only check the value when it has a key of its own.
		if k := string([]rune(key)); k != "msg" && k != "level" && k != "n" && k != "x" {
			if want := string([]rune(value)); got[k] != want {
				t.Errorf("value decoded to %q, want %q", got[k], want)
			}
		}
		if key != "n" && key != "x" {
			if num, ok := got["n"].(json.Number); !ok || num.String() != strconv.FormatInt(n, 10) {
				t.Errorf("n decoded to %v, want %d", got["n"], n)
			}
			switch {
			case math.IsNaN(x) || math.IsInf(x, 0):
				if _, ok := got["x"].(string); !ok {
					t.Errorf("x = %v decoded to %v, want a string", x, got["x"])
				}
			default:
				num, ok := got["x"].(json.Number)
				if f, err := num.Float64(); !ok || err != nil || f != x {
					t.Errorf("x decoded to %v, want %v", got["x"], x)
				}
			}
		}
	})
}
