package logtar

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

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
