package logtar

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// jsonConfigDiff describes how got differs from want, or returns "" when
// they hold the same settings. (A Config holds a func, so == cannot compare
// two of them.)
func jsonConfigDiff(got, want Config) string {
	var diffs []string
	add := func(name string, same bool, g, w any) {
		if !same {
			diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", name, g, w))
		}
	}
	add("level", got.level == want.level, fmt.Sprintf("Level(%d)", int(got.level)), fmt.Sprintf("Level(%d)", int(want.level)))
	add("dir", got.dir == want.dir, fmt.Sprintf("%q", got.dir), fmt.Sprintf("%q", want.dir))
	add("filePrefix", got.filePrefix == want.filePrefix, fmt.Sprintf("%q", got.filePrefix), fmt.Sprintf("%q", want.filePrefix))
	add("rollingSize", got.rollingSize == want.rollingSize, got.rollingSize, want.rollingSize)
	add("rollingInterval", got.rollingInterval == want.rollingInterval, got.rollingInterval, want.rollingInterval)
	add("caller", got.caller == want.caller, got.caller, want.caller)
	add("callerSkip", got.callerSkip == want.callerSkip, got.callerSkip, want.callerSkip)
	add("async", got.async == want.async, got.async, want.async)
	add("queueSize", got.queueSize == want.queueSize, got.queueSize, want.queueSize)
	add("writer", got.writer == want.writer, got.writer, want.writer)
	add("clock set", (got.clock == nil) == (want.clock == nil), got.clock != nil, want.clock != nil)
	return strings.Join(diffs, ", ")
}

func TestJSONConfigEveryKey(t *testing.T) {
	doc := `{
		"level": "warn",
		"dir": "/var/log/app",
		"file_prefix": "app_",
		"rolling_size": 1024,
		"rolling_interval": "24h",
		"caller": true,
		"caller_skip": 1,
		"async": true,
		"queue_size": 64
	}`
	c := NewConfig()
	if err := c.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatalf("UnmarshalJSON(every key) = %v, want nil", err)
	}
	want := NewConfig().WithLevel(LevelWarn).WithDir("/var/log/app").WithFilePrefix("app_").
		WithRollingSize(1024).WithRollingInterval(24 * time.Hour).WithCaller(true).
		WithCallerSkip(1).WithAsync(true).WithQueueSize(64)
	if d := jsonConfigDiff(c, want); d != "" {
		t.Errorf("after UnmarshalJSON(every key): %s", d)
	}
}

func TestJSONConfigKeepsWhatIsLeftOut(t *testing.T) {
	c := NewConfig().WithWriter(io.Discard)
	if err := c.UnmarshalJSON([]byte(`{"level": "debug"}`)); err != nil {
		t.Fatalf(`UnmarshalJSON({"level": "debug"}) = %v, want nil`, err)
	}
	if d := jsonConfigDiff(c, NewConfig().WithWriter(io.Discard).WithLevel(LevelDebug)); d != "" {
		t.Errorf(`after UnmarshalJSON({"level": "debug"}): %s; every setting the document leaves out must keep its value`, d)
	}
	for _, doc := range []string{`{}`, `null`} {
		c := NewConfig()
		if err := c.UnmarshalJSON([]byte(doc)); err != nil {
			t.Errorf("UnmarshalJSON(%s) = %v, want nil", doc, err)
		} else if d := jsonConfigDiff(c, NewConfig()); d != "" {
			t.Errorf("after UnmarshalJSON(%s): %s, want no change", doc, d)
		}
	}
}

func TestJSONConfigErrors(t *testing.T) {
	tests := []struct {
		name      string
		give      string
		wantField string // "" for errors about the document as a whole
		wantText  string
	}{
		{"unknown key", `{"levle": "info"}`, "levle", "unknown key"},
		{"key in the wrong case", `{"LEVEL": "info"}`, "LEVEL", "unknown key"},
		{"a key from another library", `{"log_prefix": "x"}`, "log_prefix", "unknown key"},
		{"level as a number", `{"level": 3}`, "level", "got 3"},
		{"unknown level", `{"level": "eh?"}`, "level", `unknown level "eh?"`},
		{"size as a string", `{"rolling_size": "5MB"}`, "rolling_size", `got "5MB"`},
		{"size as a fraction", `{"rolling_size": 1.5}`, "rolling_size", "whole number"},
		{"negative size", `{"rolling_size": -1}`, "rolling_size", "negative"},
		{"interval as a number", `{"rolling_interval": 3600}`, "rolling_interval", "got 3600"},
		{"interval that is no duration", `{"rolling_interval": "hourly"}`, "rolling_interval", `"hourly"`},
		{"interval too short", `{"rolling_interval": "10ms"}`, "rolling_interval", "at least 1s"},
		{"caller as a string", `{"caller": "yes"}`, "caller", "true or false"},
		{"null value", `{"dir": null}`, "dir", "null"},
		{"empty dir", `{"dir": ""}`, "dir", "empty"},
		{"queue too big", `{"queue_size": 99999999}`, "queue_size", "between"},
		{"long value", `{"dir": ["` + strings.Repeat("x", 100) + `"]}`, "dir", "an array"},
		{"an array, not an object", `["level"]`, "", "want a JSON object"},
		{"a syntax error", `{"level": "info",}`, "", "want a JSON object"},
		{"two objects", `{} {}`, "", "want a JSON object"},
		{"nothing at all", ``, "", "want a JSON object"},
	}
	for _, tt := range tests {
		c := NewConfig().WithDir("keep")
		err := c.UnmarshalJSON([]byte(tt.give))
		var ce *ConfigError
		switch {
		case !errors.As(err, &ce):
			t.Errorf("UnmarshalJSON(`%s`) (%s) = %v, want a *ConfigError", tt.give, tt.name, err)
			continue
		case ce.Field != tt.wantField:
			t.Errorf("UnmarshalJSON(`%s`) (%s) error blames the field %q, want %q (error: %v)", tt.give, tt.name, ce.Field, tt.wantField, err)
		case !strings.Contains(err.Error(), tt.wantText):
			t.Errorf("UnmarshalJSON(`%s`) (%s) error = %q, want it to contain %q", tt.give, tt.name, err, tt.wantText)
		}
		if d := jsonConfigDiff(c, NewConfig().WithDir("keep")); d != "" {
			t.Errorf("UnmarshalJSON(`%s`) failed but changed the config: %s; on error, leave it as it was", tt.give, d)
		}
	}
}

func TestJSONConfigNoHalfChanges(t *testing.T) {
	c := NewConfig().WithDir("keep")
	err := c.UnmarshalJSON([]byte(`{"dir": "changed", "level": "nope"}`))
	if err == nil || c.dir != "keep" {
		t.Errorf(`UnmarshalJSON({"dir": "changed", "level": "nope"}) = %v with dir %q, want an error and dir "keep": work on a copy and assign it only when everything succeeded`, err, c.dir)
	}
}

func TestJSONConfigSameErrorEveryTime(t *testing.T) {
	// Two bad keys: the error must name the same one on every run, not
	// whichever key map iteration happens to reach first.
	for range 20 {
		c := NewConfig()
		err := c.UnmarshalJSON([]byte(`{"zzz": 1, "mmm": 2, "aaa": 3}`))
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != "aaa" {
			t.Fatalf(`UnmarshalJSON({"zzz": 1, "mmm": 2, "aaa": 3}) = %v, want a ConfigError for "aaa", the first key in sorted order, every time`, err)
		}
	}
}

func TestJSONConfigInsideAnotherDocument(t *testing.T) {
	app := struct {
		Name string `json:"name"`
		Log  Config `json:"log"`
	}{Log: NewConfig()}
	err := json.Unmarshal([]byte(`{"name": "shop", "log": {"level": "error", "caller": true}}`), &app)
	if err != nil {
		t.Fatalf("json.Unmarshal of an app config holding a logtar config = %v, want nil", err)
	}
	if d := jsonConfigDiff(app.Log, NewConfig().WithLevel(LevelError).WithCaller(true)); d != "" {
		t.Errorf("embedded config: %s", d)
	}
	err = json.Unmarshal([]byte(`{"log": {"level": "nope"}}`), &app)
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Field != "level" {
		t.Errorf(`json.Unmarshal({"log": {"level": "nope"}}) = %v, want a *ConfigError for "level"`, err)
	}
}

func TestJSONConfigMarshal(t *testing.T) {
	c := NewConfig().WithLevel(LevelDebug).WithRollingInterval(90 * time.Minute)
	data, err := json.Marshal(c)
	// Lesson 4.6 adds settings after these, so the output may go on where
	// this one closes its brace.
	want := `{"level":"DEBUG","dir":"logs","file_prefix":"logtar_","rolling_size":5242880,` +
		`"rolling_interval":"1h30m0s","caller":false,"caller_skip":0,"async":false,"queue_size":1024`
	rest, found := strings.CutPrefix(string(data), want)
	if err != nil || !found || (rest != "}" && !strings.HasPrefix(rest, ",")) {
		t.Fatalf("json.Marshal(config) =\n%s, %v\nwant\n%s}, nil", data, err, want)
	}
	var back Config
	if err := back.UnmarshalJSON(data); err != nil {
		t.Fatalf("UnmarshalJSON(MarshalJSON(c)) = %v, want nil", err)
	}
	if d := jsonConfigDiff(back, c); d != "" {
		t.Errorf("UnmarshalJSON(MarshalJSON(c)) did not give c back: %s", d)
	}
}

func TestJSONConfigRandomValues(t *testing.T) {
	names := []string{"debug", "info", "warn", "error", "critical"}
	levels := []Level{LevelDebug, LevelInfo, LevelWarn, LevelError, LevelCritical}
	for range 10 {
		i := rand.IntN(len(names))
		name := []byte(names[i])
		if rand.IntN(2) == 0 {
			name = []byte(strings.ToUpper(string(name)))
		}
		dir := fmt.Sprintf("/var/log/app%d", rand.IntN(1000))
		prefix := fmt.Sprintf("p%d_", rand.IntN(1000))
		size := rand.Int64N(1 << 40)
		interval := time.Duration(1+rand.IntN(48*60)) * time.Minute
		caller, async := rand.IntN(2) == 0, rand.IntN(2) == 0
		skip, queue := rand.IntN(10), 1+rand.IntN(MaxQueueSize)
		doc := fmt.Sprintf(`{"level": %q, "dir": %q, "file_prefix": %q, "rolling_size": %d, "rolling_interval": %q,
			"caller": %v, "caller_skip": %d, "async": %v, "queue_size": %d}`,
			name, dir, prefix, size, interval.String(), caller, skip, async, queue)
		c := NewConfig()
		if err := c.UnmarshalJSON([]byte(doc)); err != nil {
			t.Fatalf("UnmarshalJSON(%s) = %v, want nil", doc, err)
		}
		want := NewConfig().WithLevel(levels[i]).WithDir(dir).WithFilePrefix(prefix).WithRollingSize(size).
			WithRollingInterval(interval).WithCaller(caller).WithCallerSkip(skip).WithAsync(async).WithQueueSize(queue)
		if d := jsonConfigDiff(c, want); d != "" {
			t.Fatalf("after UnmarshalJSON(%s): %s", doc, d)
		}
	}
}
