package logtar

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// otherValuesPanicky panics in every method a logger might call.
type otherValuesPanicky struct{}

func (*otherValuesPanicky) Error() string               { panic("boom") }
func (otherValuesPanicky) MarshalJSON() ([]byte, error) { panic("bang") }

// otherValuesIndented marshals itself with newlines, which must not reach
// the record.
type otherValuesIndented struct{}

func (otherValuesIndented) MarshalJSON() ([]byte, error) { return []byte("{\n  \"a\": 1\n}"), nil }

func TestOtherValues(t *testing.T) {
	tests := []struct {
		name string
		give []any
		want string
	}{
		{"nil", []any{"v", nil}, `,"v":null`},
		{"an error is its message", []any{"err", errors.New(`disk "full"`)}, `,"err":"disk \"full\""`},
		{"floats as encoding/json writes them", []any{"f", 0.5, "big", 1e21, "small", 1e-7, "zero", 0.0, "whole", 3.0}, `,"f":0.5,"big":1e+21,"small":1e-07,"zero":0,"whole":3`},
		{"NaN and infinity as strings", []any{"nan", math.NaN(), "inf", math.Inf(-1), "pinf", math.Inf(1)}, `,"nan":"NaN","inf":"-Inf","pinf":"+Inf"`},
		{"a slice, by encoding/json", []any{"s", []int{1, 2}}, `,"s":[1,2]`},
		{"a map, by encoding/json", []any{"m", map[string]int{"a": 1}}, `,"m":{"a":1}`},
		{"a struct, by encoding/json", []any{"p", struct{ X, Y int }{1, 2}}, `,"p":{"X":1,"Y":2}`},
		{"a MarshalJSON with newlines is compacted", []any{"i", otherValuesIndented{}}, `,"i":{"a":1}`},
		{"a type encoding/json refuses", []any{"c", make(chan int)}, `,"c":"!ERROR: json: unsupported type: chan int"`},
		{"an Error method that panics", []any{"e", error((*otherValuesPanicky)(nil))}, `,"e":"!PANIC in Error: boom"`},
		{"a MarshalJSON that panics", []any{"m", otherValuesPanicky{}}, `,"m":"!ERROR: panic in MarshalJSON: bang"`},
	}
	for _, tt := range tests {
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

// otherValuesFloat returns how encoding/json writes f, with the exponent
// in at least two digits, as strconv writes it: 1e-07, not 1e-7.
func otherValuesFloat(f float64) string {
	data, err := json.Marshal(f)
	if err != nil {
		panic(err)
	}
	s := string(data)
	if i := strings.Index(s, "e-"); i >= 0 && len(s)-i == 3 {
		s = s[:i+2] + "0" + s[i+2:]
	}
	return s
}

func TestOtherValuesRandomFloats(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 200 {
		var f float64
		switch rng.IntN(3) {
		case 0: // any magnitude from 1e-30 to 1e30
			f = rng.Float64() * math.Pow(10, float64(rng.IntN(61)-30))
		case 1: // a whole number
			f = float64(rng.IntN(1_000_000))
		default: // near the edges where the notation changes
			edge := []float64{1e-6, 1e21}[rng.IntN(2)]
			f = edge * (0.5 + rng.Float64())
		}
		if rng.IntN(2) == 0 {
			f = -f
		}
		want := otherValuesFloat(f)
		if got := string(appendFloat(nil, f)); got != want {
			t.Fatalf("appendFloat(nil, %v) = %q, want %q: 'e' notation for magnitudes below 1e-6 or from 1e21 up, 'f' for the rest, with the fewest digits that read back as the same float (precision -1)", f, got, want)
		}
	}
}

func TestOtherValuesRandomErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	const chars = "abc \"\\\n\t<>&é"
	for range 20 {
		var msg strings.Builder
		for range rng.IntN(12) {
			r := []rune(chars)
			msg.WriteRune(r[rng.IntN(len(r))])
		}
		err := errors.New(msg.String())
		got := string(appendAny(nil, err))
		var back string
		if json.Unmarshal([]byte(got), &back) != nil || back != msg.String() {
			t.Fatalf("appendAny(nil, errors.New(%q)) = %q, want the error's message as a JSON string", msg.String(), got)
		}
	}
}

func TestOtherValuesFloatsDoNotAllocate(t *testing.T) {
	attrs := []slog.Attr{slog.Float64("ratio", 0.25), slog.Float64("tiny", 1e-9), slog.Float64("big", -3e25)}
	buf := make([]byte, 0, 1024)
	n := testing.AllocsPerRun(100, func() {
		buf = buf[:0]
		for _, a := range attrs {
			buf = appendAttr(buf, a)
		}
	})
	if n != 0 {
		t.Errorf("appendAttr of float64 values allocates %v times, want 0: strconv.AppendFloat, not fmt or encoding/json", n)
	}
}
