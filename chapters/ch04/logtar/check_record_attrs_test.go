package logtar

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// attrsStepQuote returns s as encoding/json writes it (for the plain text
// these checks generate, that is exactly what appendString writes too).
func attrsStepQuote(s string) string {
	data, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(data)
}

// attrsStepWord returns a random key or string value: letters, digits, a
// space, and now and then a quote or a backslash.
func attrsStepWord(rng *rand.Rand) string {
	const chars = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-"\`
	b := make([]byte, 1+rng.IntN(10))
	for i := range b {
		b[i] = chars[rng.IntN(len(chars))]
	}
	return string(b)
}

func TestRecordAttrsKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for _, before := range []string{`{`, `{"msg":"m"`, `{"g":{`, `{"a":1`} {
		key := attrsStepWord(rng)
		want := before
		if !strings.HasSuffix(before, "{") {
			want += ","
		}
		want += attrsStepQuote(key) + ":"
		if got := string(appendKey([]byte(before), key)); got != want {
			t.Errorf("appendKey([]byte(%q), %q) = %q, want %q", before, key, got, want)
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
		{"an empty key with a value is kept", []any{"", 1}, `,"":1`},
		{"keys are escaped", []any{"a\"b\n", 1}, `,"a\"b\n":1`},
		{"values are escaped", []any{"s", "say \"hi\"\n"}, `,"s":"say \"hi\"\n"`},
		{"negative numbers", []any{"n", -12, "n64", int64(math.MinInt64)}, `,"n":-12,"n64":-9223372036854775808`},
		{"uint64", []any{"u", uint64(math.MaxUint64)}, `,"u":18446744073709551615`},
		{"a duration in nanoseconds", []any{"d", 1500 * time.Millisecond}, `,"d":1500000000`},
		{"a time", []any{"t", time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)}, `,"t":"2024-01-02T03:04:05.000000006Z"`},
		{"a bool", []any{"ok", false}, `,"ok":false`},
	}
	for _, tt := range tests {
		// Start after an opening field, as in a real record.
		prefix := `{"msg":"m"`
		got := string(appendArgs([]byte(prefix), tt.give))
		if got != prefix+tt.want {
			t.Errorf("appendArgs with %s: appended %q, want %q", tt.name, strings.TrimPrefix(got, prefix), tt.want)
			continue
		}
		if !json.Valid([]byte(got + "}")) {
			t.Errorf("appendArgs with %s: the record %q is not valid JSON", tt.name, got+"}")
		}
	}
}

// attrsStepValue returns a random value of one of the kinds this step
// writes, and how it must appear in the record.
func attrsStepValue(rng *rand.Rand) (any, string) {
	switch rng.IntN(7) {
	case 0:
		s := attrsStepWord(rng)
		return s, attrsStepQuote(s)
	case 1:
		n := rng.IntN(2_000_001) - 1_000_000
		return n, strconv.Itoa(n)
	case 2:
		n := rng.Int64() - rng.Int64()
		return n, strconv.FormatInt(n, 10)
	case 3:
		u := rng.Uint64()
		return u, strconv.FormatUint(u, 10)
	case 4:
		b := rng.IntN(2) == 0
		return b, strconv.FormatBool(b)
	case 5:
		d := time.Duration(rng.Int64N(int64(100 * time.Hour)))
		return d, strconv.FormatInt(int64(d), 10)
	default:
		at := time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).UTC()
		return at, `"` + at.Format(time.RFC3339Nano) + `"`
	}
}

// attrsStepShow writes args the way they would appear in a call.
func attrsStepShow(args []any) string {
	var parts []string
	for _, a := range args {
		switch a := a.(type) {
		case string:
			parts = append(parts, strconv.Quote(a))
		case slog.Attr:
			parts = append(parts, fmt.Sprintf("slog.Any(%q, %v)", a.Key, a.Value))
		case time.Duration:
			parts = append(parts, fmt.Sprintf("time.Duration(%d)", int64(a)))
		case time.Time:
			parts = append(parts, a.Format(time.RFC3339Nano))
		default:
			parts = append(parts, fmt.Sprintf("%T(%v)", a, a))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func TestRecordAttrsRandomArgs(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 20 {
		var args []any
		var want strings.Builder
		for range rng.IntN(6) {
			v, text := attrsStepValue(rng)
			switch rng.IntN(5) {
			case 0: // an Attr on its own
				key := attrsStepWord(rng)
				args = append(args, slog.Any(key, v))
				fmt.Fprintf(&want, ",%s:%s", attrsStepQuote(key), text)
			case 1: // a number where a key should be
				n := rng.IntN(1000)
				args = append(args, n)
				fmt.Fprintf(&want, `,"!BADKEY":%d`, n)
			default: // a key and its value
				key := attrsStepWord(rng)
				args = append(args, key, v)
				fmt.Fprintf(&want, ",%s:%s", attrsStepQuote(key), text)
			}
		}
		if rng.IntN(3) == 0 {
			key := attrsStepWord(rng)
			args = append(args, key)
			fmt.Fprintf(&want, `,"!BADKEY":%s`, attrsStepQuote(key))
		}
		prefix := `{"msg":"m"`
		got := string(appendArgs([]byte(prefix), args))
		if got != prefix+want.String() {
			t.Fatalf("appendArgs(%s) appended\n%q\nwant\n%q", attrsStepShow(args), strings.TrimPrefix(got, prefix), want.String())
		}
	}
}

func TestRecordAttrsTypedValuesDoNotAllocate(t *testing.T) {
	attrs := []slog.Attr{
		slog.String("path", "/orders"),
		slog.Int("status", 200),
		slog.Uint64("bytes", 1<<40),
		slog.Bool("cached", true),
		slog.Duration("took", time.Second),
		slog.Time("at", time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)),
	}
	buf := make([]byte, 0, 1024)
	n := testing.AllocsPerRun(100, func() {
		buf = buf[:0]
		for _, a := range attrs {
			buf = appendAttr(buf, a)
		}
	})
	if n != 0 {
		t.Errorf("appendAttr of strings, numbers, bools, durations and times allocates %v times, want 0: use strconv.Append* and AppendFormat, not fmt or encoding/json, for the kinds slog models", n)
	}
}
