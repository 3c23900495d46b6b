package logtar

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestRecordHeaderDigits(t *testing.T) {
	tests := []struct {
		n, width int
		want     string
	}{
		{7, 3, "007"},
		{2024, 4, "2024"},
		{0, 2, "00"},
		{59, 2, "59"},
		{123, 3, "123"},
	}
	for _, tt := range tests {
		if got := string(appendDigits([]byte("x"), tt.n, tt.width)); got != "x"+tt.want {
			t.Errorf("appendDigits([]byte(\"x\"), %d, %d) = %q, want %q", tt.n, tt.width, got, "x"+tt.want)
		}
	}
}

func TestRecordHeaderTime(t *testing.T) {
	tests := []struct {
		desc string
		give time.Time
		want string
	}{
		{"a time in UTC", time.Date(2024, 5, 6, 7, 8, 9, 123_456_789, time.UTC), "2024-05-06T07:08:09.123Z"},
		{"another zone, written in UTC", time.Date(2024, 5, 6, 9, 8, 9, 0, time.FixedZone("CEST", 2*3600)), "2024-05-06T07:08:09.000Z"},
		{"the first day of year 1, milliseconds cut, not rounded", time.Date(1, 1, 1, 0, 0, 0, 999_999_999, time.UTC), "0001-01-01T00:00:00.999Z"},
		{"the last second of year 9999", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "9999-12-31T23:59:59.000Z"},
		{"a five-digit year", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "10000-01-01T00:00:00.000Z"},
	}
	for _, tt := range tests {
		if got := string(appendTime(nil, tt.give)); got != tt.want {
			t.Errorf("appendTime(nil, %s) = %q, want %q (%s)", tt.give.Format(time.RFC3339Nano), got, tt.want, tt.desc)
		}
	}
}

func TestRecordHeaderLevel(t *testing.T) {
	tests := []struct {
		give Level
		want string
	}{
		{LevelDebug, "DEBUG"},
		{LevelCritical, "CRITICAL"},
		{LevelInfo + 2, "INFO+2"},
	}
	for _, tt := range tests {
		if got := string(appendLevel(nil, tt.give)); got != tt.want {
			t.Errorf("appendLevel(nil, Level(%d)) = %q, want %q", int(tt.give), got, tt.want)
		}
	}
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf = appendLevel(buf[:0], LevelWarn) }); n != 0 {
		t.Errorf("appendLevel(buf, LevelWarn) allocates %v times per call, want 0: append the name from levelNames instead of calling String", n)
	}
}

func TestRecordHeader(t *testing.T) {
	at := time.Date(2024, 5, 6, 7, 8, 9, 123_456_789, time.UTC)
	tests := []struct {
		desc  string
		time  time.Time
		level Level
		msg   string
		want  string
	}{
		{"a full header", at, LevelWarn, "disk low", `{"time":"2024-05-06T07:08:09.123Z","level":"WARN","msg":"disk low"`},
		{"the zero time is left out", time.Time{}, LevelInfo, "x", `{"level":"INFO","msg":"x"`},
		{"a level between names", at, LevelInfo + 2, "", `{"time":"2024-05-06T07:08:09.123Z","level":"INFO+2","msg":""`},
		{"the message is escaped", at, LevelError, "a\n\"b\"", `{"time":"2024-05-06T07:08:09.123Z","level":"ERROR","msg":"a\n\"b\""`},
	}
	for _, tt := range tests {
		if got := string(appendHeader(nil, tt.time, tt.level, tt.msg)); got != tt.want {
			t.Errorf("appendHeader (%s) = %q\nwant %q", tt.desc, got, tt.want)
		}
	}
}

func TestRecordHeaderRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 100 {
		width := 1 + rng.IntN(6)
		n := rng.IntN(int(math.Pow10(width)))
		if got, want := string(appendDigits([]byte("x"), n, width)), fmt.Sprintf("x%0*d", width, n); got != want {
			t.Fatalf("appendDigits([]byte(\"x\"), %d, %d) = %q, want %q", n, width, got, want)
		}
	}
	names := map[Level]string{LevelDebug: "DEBUG", LevelInfo: "INFO", LevelWarn: "WARN", LevelError: "ERROR", LevelCritical: "CRITICAL"}
	levels := []Level{LevelDebug, LevelInfo, LevelWarn, LevelError, LevelCritical}
	for range 100 {
		utc := time.Date(rng.IntN(10000), time.Month(1+rng.IntN(12)), 1+rng.IntN(28),
			rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
		at := utc.In(time.FixedZone("somewhere", (rng.IntN(27)-12)*3600))
		stamp := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.Year(), int(utc.Month()), utc.Day(),
			utc.Hour(), utc.Minute(), utc.Second(), utc.Nanosecond()/1e6)
		if got := string(appendTime([]byte("x"), at)); got != "x"+stamp {
			t.Fatalf("appendTime([]byte(\"x\"), %s) = %q, want %q", at.Format(time.RFC3339Nano), got, "x"+stamp)
		}
		level := levels[rng.IntN(len(levels))]
		msg := fmt.Sprintf("event %d", rng.IntN(1e6))
		want := `{"time":"` + stamp + `","level":"` + names[level] + `","msg":"` + msg + `"`
		if got := string(appendHeader(nil, at, level, msg)); got != want {
			t.Fatalf("appendHeader(nil, %s, %s, %q) = %q, want %q", at.Format(time.RFC3339Nano), names[level], msg, got, want)
		}
	}
}
