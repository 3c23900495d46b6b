package logtar

import (
	"testing"
	"time"
)

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
