package logtar

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeConfigFile writes content to a file in a temporary directory and
// returns its path.
func writeConfigFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "logtar.json")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sameConfig reports whether a and b hold the same settings. Config holds a
// func, so it cannot be compared with ==.
func sameConfig(a, b Config) bool {
	ja, erra := a.MarshalJSON()
	jb, errb := b.MarshalJSON()
	return erra == nil && errb == nil && string(ja) == string(jb) &&
		a.writer == b.writer && (a.clock == nil) == (b.clock == nil)
}

func TestLoadConfig(t *testing.T) {
	path := writeConfigFile(t, `{
		"level": "warn",
		"dir": "/var/log/app",
		"file_prefix": "app_",
		"rolling_size": 1024,
		"rolling_interval": "24h",
		"caller": true,
		"caller_skip": 1,
		"async": true,
		"queue_size": 64
	}`)
	got, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("LoadConfig() error: %v", err)
	}
	want := NewConfig().WithLevel(LevelWarn).WithDir("/var/log/app").WithFilePrefix("app_").
		WithRollingSize(1024).WithRollingInterval(24 * time.Hour).WithCaller(true).
		WithCallerSkip(1).WithAsync(true).WithQueueSize(64)
	if !sameConfig(got, want) {
		t.Errorf("LoadConfig() = %+v, want %+v", got, want)
	}
}

func TestLoadConfigPartialKeepsDefaults(t *testing.T) {
	got, err := LoadConfig(writeConfigFile(t, `{"level": "debug"}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := NewConfig().WithLevel(LevelDebug); !sameConfig(got, want) {
		t.Errorf("LoadConfig(level only) = %+v, want defaults with level debug: %+v", got, want)
	}
	got, err = LoadConfig(writeConfigFile(t, `{}`))
	if err != nil || !sameConfig(got, NewConfig()) {
		t.Errorf("LoadConfig({}) = %+v, %v, want the defaults", got, err)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name      string
		give      string
		wantField string // "" for errors about the document as a whole
		wantText  string
	}{
		{"unknown key", `{"levle": "info"}`, "levle", "unknown key"},
		{"key in wrong case", `{"LEVEL": "info"}`, "LEVEL", "unknown key"},
		{"book key", `{"log_prefix": "x"}`, "log_prefix", "unknown key"},
		{"level as number", `{"level": 3}`, "level", "got 3"},
		{"unknown level", `{"level": "eh?"}`, "level", `unknown level "eh?"`},
		{"size as string", `{"rolling_size": "5MB"}`, "rolling_size", `got "5MB"`},
		{"size as fraction", `{"rolling_size": 1.5}`, "rolling_size", "whole number"},
		{"negative size", `{"rolling_size": -1}`, "rolling_size", "negative"},
		{"interval as number", `{"rolling_interval": 3600}`, "rolling_interval", "got 3600"},
		{"bad interval", `{"rolling_interval": "hourly"}`, "rolling_interval", `"hourly"`},
		{"short interval", `{"rolling_interval": "10ms"}`, "rolling_interval", "at least 1s"},
		{"caller as string", `{"caller": "yes"}`, "caller", "true or false"},
		{"null value", `{"dir": null}`, "dir", "null"},
		{"empty dir", `{"dir": ""}`, "dir", "empty"},
		{"queue too big", `{"queue_size": 99999999}`, "queue_size", "between"},
		{"long value", `{"dir": ["` + strings.Repeat("x", 100) + `"]}`, "dir", "an array"},
		{"array document", `["level"]`, "", "want a JSON object"},
		{"syntax error", `{"level": "info",}`, "", "want a JSON object"},
		{"trailing data", `{} {}`, "", "want a JSON object"},
		{"empty file", ``, "", "want a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfigFile(t, tt.give)
			_, err := LoadConfig(path)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("LoadConfig(%s) error = %v, want a *ConfigError", tt.give, err)
			}
			if ce.Field != tt.wantField || ce.File != path {
				t.Errorf("LoadConfig(%s) error field, file = %q, %q, want %q, %q", tt.give, ce.Field, ce.File, tt.wantField, path)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("LoadConfig(%s) error = %q, want it to contain %q", tt.give, err, tt.wantText)
			}
		})
	}
}

func TestLoadConfigReportsFirstKeyInOrder(t *testing.T) {
	// Two bad keys: the error must name the same one on every run, not
	// whichever map iteration happens to reach first.
	path := writeConfigFile(t, `{"zzz": 1, "aaa": 2}`)
	for range 20 {
		_, err := LoadConfig(path)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != "aaa" {
			t.Fatalf("LoadConfig(two unknown keys) error = %v, want the field \"aaa\"", err)
		}
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	_, err := LoadConfig(filepath.Join(t.TempDir(), "nope.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadConfig(missing file) error = %v, want one matching fs.ErrNotExist", err)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "logtar: ") {
		t.Errorf("LoadConfig(missing file) error = %q, want the prefix \"logtar: \"", err)
	}
}

func TestConfigUnmarshalLeavesConfigOnError(t *testing.T) {
	c := NewConfig().WithDir("keep")
	err := c.UnmarshalJSON([]byte(`{"dir": "changed", "level": "nope"}`))
	if err == nil || c.dir != "keep" {
		t.Errorf("UnmarshalJSON(bad level) = %v, dir %q, want an error and dir \"keep\"", err, c.dir)
	}
}

func TestConfigUnmarshalNull(t *testing.T) {
	c := NewConfig()
	if err := c.UnmarshalJSON([]byte("null")); err != nil || !sameConfig(c, NewConfig()) {
		t.Errorf("UnmarshalJSON(null) = %v, config %+v, want nil and no change", err, c)
	}
}

func TestConfigEmbeddedInJSON(t *testing.T) {
	app := struct {
		Name string `json:"name"`
		Log  Config `json:"log"`
	}{Log: NewConfig()}
	err := json.Unmarshal([]byte(`{"name": "shop", "log": {"level": "error", "caller": true}}`), &app)
	if err != nil {
		t.Fatal(err)
	}
	if want := NewConfig().WithLevel(LevelError).WithCaller(true); !sameConfig(app.Log, want) {
		t.Errorf("embedded config = %+v, want %+v", app.Log, want)
	}
	err = json.Unmarshal([]byte(`{"log": {"level": "nope"}}`), &app)
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Field != "level" {
		t.Errorf("embedded bad level error = %v, want a ConfigError for level", err)
	}
}

func TestConfigMarshalJSON(t *testing.T) {
	c := NewConfig().WithLevel(LevelDebug).WithRollingInterval(90 * time.Minute)
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"level":"DEBUG","dir":"logs","file_prefix":"logtar_","rolling_size":5242880,` +
		`"rolling_interval":"1h30m0s","caller":false,"caller_skip":0,"async":false,"queue_size":1024,` +
		`"active_file":"","max_backups":0,"max_age":"0s","compress":false,"local_time":false,` +
		`"file_mode":"0644","drop_when_full":false}`
	if string(data) != want {
		t.Errorf("json.Marshal(config) =\n%s\nwant\n%s", data, want)
	}
	var back Config
	if err := back.UnmarshalJSON(data); err != nil || !sameConfig(back, c) {
		t.Errorf("UnmarshalJSON(MarshalJSON(c)) = %+v, %v, want %+v", back, err, c)
	}
}

// FuzzConfigJSON feeds arbitrary bytes to the config parser. It must never
// panic; every error must be a ConfigError; every config it accepts must
// be valid and survive a round trip through MarshalJSON.
func FuzzConfigJSON(f *testing.F) {
	seeds := []string{
		`{}`, `null`, `[]`, `{"level":"warn","dir":"x","file_prefix":"p_","rolling_size":1024}`,
		`{"rolling_interval":"1h","caller":true,"caller_skip":2,"async":true,"queue_size":8}`,
		`{"level":3}`, `{"levle":"info"}`, `{"dir":null}`, `{"rolling_size":1e400}`,
		`{"queue_size":-1}`, `{"rolling_interval":"-1s"}`, `{"file_prefix":"a/b"}`, `{"level":"info"`,
		`{"active_file":"app.log","max_backups":3,"max_age":"720h","compress":true,"local_time":true}`,
		`{"file_mode":"0640"}`, `{"file_mode":"0o640"}`, `{"file_mode":420}`, `{"max_age":"1m"}`,
		`{"async":true,"drop_when_full":true}`, `{"drop_when_full":true}`, `{"active_file":"../x"}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := NewConfig()
		err := c.UnmarshalJSON(data)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("UnmarshalJSON(%q) error %v is not a *ConfigError", data, err)
			}
			if !sameConfig(c, NewConfig()) {
				t.Fatalf("UnmarshalJSON(%q) failed but changed the config to %+v", data, c)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("UnmarshalJSON(%q) accepted an invalid config: %v", data, err)
		}
		out, err := c.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back Config
		if err := back.UnmarshalJSON(out); err != nil || !sameConfig(back, c) {
			t.Fatalf("round trip of %s = %+v, %v, want %+v", out, back, err, c)
		}
	})
}
