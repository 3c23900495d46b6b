package logtar

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadConfigWrite writes content to a config file in a temporary directory
// and returns its path.
func loadConfigWrite(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "logtar.json")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfigFile(t *testing.T) {
	dir := fmt.Sprintf("/var/log/app%d", rand.IntN(1000))
	hours := 1 + rand.IntN(72)
	caller := rand.IntN(2) == 0
	path := loadConfigWrite(t, fmt.Sprintf(`{
		"level": "warn",
		"dir": %q,
		"rolling_interval": "%dh",
		"caller": %v
	}`, dir, hours, caller))
	got, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("LoadConfig(a good file) error = %v, want nil", err)
	}
	want := NewConfig().WithLevel(LevelWarn).WithDir(dir).
		WithRollingInterval(time.Duration(hours) * time.Hour).WithCaller(caller)
	if got.level != want.level || got.dir != want.dir || got.rollingInterval != want.rollingInterval ||
		got.caller != want.caller || got.filePrefix != want.filePrefix || got.queueSize != want.queueSize {
		t.Errorf("LoadConfig(level warn, dir %q, %dh, caller %v) = level %d, dir %q, interval %v, caller %v, prefix %q, queue %d; want level 4, dir %q, %v, %v, and the defaults \"logtar_\" and 1024",
			dir, hours, caller, int(got.level), got.dir, got.rollingInterval, got.caller, got.filePrefix, got.queueSize, dir, want.rollingInterval, caller)
	}
}

func TestLoadConfigEmptyObjectGivesDefaults(t *testing.T) {
	got, err := LoadConfig(loadConfigWrite(t, `{}`))
	if err != nil || got.level != LevelInfo || got.dir != "logs" || got.rollingSize != 5*MiB || got.queueSize != 1024 {
		t.Errorf("LoadConfig({}) = level %d, dir %q, size %d, queue %d, error %v; want the defaults (start from NewConfig)",
			int(got.level), got.dir, got.rollingSize, got.queueSize, err)
	}
}

func TestLoadConfigErrorNamesFileAndKey(t *testing.T) {
	tests := []struct {
		give      string
		wantField string
	}{
		{`{"levle": "info"}`, "levle"},
		{`{"rolling_size": "5MB"}`, "rolling_size"},
		{`{"queue_size": 0}`, "queue_size"},
		{`["level"]`, ""},
		{``, ""},
	}
	for _, tt := range tests {
		path := loadConfigWrite(t, tt.give)
		_, err := LoadConfig(path)
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("LoadConfig(a file holding `%s`) error = %v, want a *ConfigError", tt.give, err)
			continue
		}
		if ce.Field != tt.wantField || ce.File != path {
			t.Errorf("LoadConfig(a file holding `%s`) error has Field %q, File %q; want %q, %q", tt.give, ce.Field, ce.File, tt.wantField, path)
		}
		if want := "logtar: config " + path + ":"; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("LoadConfig(a file holding `%s`) error = %q, want it to start with %q", tt.give, err, want)
		}
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.json")
	_, err := LoadConfig(path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadConfig(a file that does not exist) error = %v, want one that wraps fs.ErrNotExist (use %%w)", err)
	} else if !strings.HasPrefix(err.Error(), "logtar: ") {
		t.Errorf("LoadConfig(a file that does not exist) error = %q, want it to start with \"logtar: \"", err)
	}
}
