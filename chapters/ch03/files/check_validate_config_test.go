package files

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// validateFields returns the Field of every *FieldError inside err, walking
// both wrapped errors and errors.Join lists.
func validateFields(err error) []string {
	var fields []string
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if fe, ok := err.(*FieldError); ok {
			fields = append(fields, fe.Field)
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	slices.Sort(fields)
	return fields
}

func TestConfigValidateAcceptsGoodConfigs(t *testing.T) {
	good := []Config{
		DefaultConfig(),
		{Level: "debug", Prefix: "shop-api", Dir: "/var/log/shop", MaxBytes: 1024},
		{Level: "error", Prefix: "a.b_c", Dir: "logs", MaxBytes: 1 << 30},
	}
	for _, c := range good {
		if err := c.Validate(); err != nil {
			t.Errorf("%+v.Validate() = %v, want nil", c, err)
		}
	}
}

func TestConfigValidateNamesTheField(t *testing.T) {
	tests := []struct {
		change func(*Config)
		field  string
		what   string
	}{
		{func(c *Config) { c.Level = "verbose" }, "level", `level "verbose" (not debug, info, warn or error)`},
		{func(c *Config) { c.Level = "" }, "level", `level ""`},
		{func(c *Config) { c.Level = "INFO" }, "level", `level "INFO" (levels are lower case)`},
		{func(c *Config) { c.Prefix = "" }, "prefix", `prefix ""`},
		{func(c *Config) { c.Prefix = "../../etc/cron" }, "prefix", `prefix "../../etc/cron" (it would leave Dir)`},
		{func(c *Config) { c.Prefix = `logs\app` }, "prefix", `prefix "logs\\app" (a path separator on Windows)`},
		{func(c *Config) { c.Dir = "" }, "dir", `dir ""`},
		{func(c *Config) { c.MaxBytes = 0 }, "max_bytes", "max_bytes 0"},
		{func(c *Config) { c.MaxBytes = -5 }, "max_bytes", "max_bytes -5"},
		{func(c *Config) { c.MaxBytes = 1023 }, "max_bytes", "max_bytes 1023 (below 1024)"},
	}
	for _, tt := range tests {
		c := DefaultConfig()
		tt.change(&c)
		err := c.Validate()
		var fe *FieldError
		switch {
		case err == nil:
			t.Errorf("Validate of the defaults with %s = nil, want a *FieldError for %q", tt.what, tt.field)
		case !errors.As(err, &fe):
			t.Errorf("Validate of the defaults with %s = %v, want it to hold a *FieldError (errors.As finds it)", tt.what, err)
		case !slices.Equal(validateFields(err), []string{tt.field}):
			t.Errorf("Validate of the defaults with %s reported the fields %q, want exactly [%q]: "+
				"Field is the JSON key, as written in the file", tt.what, validateFields(err), tt.field)
		}
	}
}

func TestConfigValidateReportsEveryProblem(t *testing.T) {
	c := Config{Level: "loud", Prefix: "", Dir: "", MaxBytes: 0}
	err := c.Validate()
	want := []string{"dir", "level", "max_bytes", "prefix"}
	if got := validateFields(err); !slices.Equal(got, want) {
		t.Errorf("%+v.Validate() reported the fields %q, want all four %q: collect every *FieldError in a []error "+
			"and return errors.Join(errs...), so the user can fix everything in one go", c, got, want)
	}
}

// validatePick returns a random element of list.
func validatePick[T any](list []T) T { return list[rand.IntN(len(list))] }

func TestConfigValidateRandomConfigs(t *testing.T) {
	goodLevels := []string{"debug", "info", "warn", "error"}
	badLevels := []string{"verbose", "trace", "Info", "WARN", "", " info", "fatal", "debug "}
	goodPrefixes := []string{"app", "shop-api", "a.b_c", "x", "api.v2", "job-42"}
	badPrefixes := []string{"", "a/b", `a\b`, "..", "../x", "x/..", "logs/app", "..hidden"}
	for range 20 {
		c := Config{
			Level:    validatePick(goodLevels),
			Prefix:   validatePick(goodPrefixes),
			Dir:      validatePick([]string{"logs", "/var/log/shop", "a/b", "."}),
			MaxBytes: 1024 + rand.Int64N(1<<30),
		}
		var want []string
		if rand.IntN(2) == 0 {
			c.Dir = ""
			want = append(want, "dir")
		}
		if rand.IntN(2) == 0 {
			c.Level = validatePick(badLevels)
			want = append(want, "level")
		}
		if rand.IntN(2) == 0 {
			c.MaxBytes = 1023 - rand.Int64N(5000) // below 1024, sometimes negative
			want = append(want, "max_bytes")
		}
		if rand.IntN(2) == 0 {
			c.Prefix = validatePick(badPrefixes)
			want = append(want, "prefix")
		}
		err := c.Validate()
		if got := validateFields(err); !slices.Equal(got, want) {
			t.Fatalf("%+v.Validate() = %v, reporting the fields %q; want exactly %q", c, err, got, want)
		}
	}
}

// validateWriteConfig writes cfg as JSON to app.json in dir.
func validateWriteConfig(t *testing.T, dir string, cfg map[string]any) string {
	t.Helper()
	data, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "app.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfigValidates(t *testing.T) {
	path := validateWriteConfig(t, t.TempDir(), map[string]any{"level": "verbose", "max_bytes": 10})
	_, err := LoadConfig(path)
	if got, want := validateFields(err), []string{"level", "max_bytes"}; !slices.Equal(got, want) {
		t.Errorf("LoadConfig of {\"level\": \"verbose\", \"max_bytes\": 10} returned %v (fields %q), want *FieldErrors for %q: "+
			"call cfg.Validate() in LoadConfig and return its error, wrapped with %%w", err, got, want)
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("LoadConfig of an invalid file returned %q, want the message to name the file %q", err, path)
	}
}

func TestLoadConfigDirIsRelativeToTheFile(t *testing.T) {
	confDir := filepath.Join(t.TempDir(), "conf")
	os.Mkdir(confDir, 0o755)
	t.Chdir(t.TempDir()) // the program runs from somewhere else entirely
	absolute := filepath.Join(t.TempDir(), "var", "log")

	tests := []struct {
		cfg  map[string]any
		want string
		what string
	}{
		{map[string]any{"dir": "logs"}, filepath.Join(confDir, "logs"), `"dir": "logs"`},
		{map[string]any{"dir": "../logs"}, filepath.Join(confDir, "..", "logs"), `"dir": "../logs"`},
		{map[string]any{}, filepath.Join(confDir, DefaultConfig().Dir), "no dir key (the default)"},
		{map[string]any{"dir": absolute}, absolute, "an absolute dir"},
	}
	sub := fmt.Sprintf("run-%d/logs", rand.IntN(1000))
	tests = append(tests, struct {
		cfg  map[string]any
		want string
		what string
	}{map[string]any{"dir": sub}, filepath.Join(confDir, sub), fmt.Sprintf("%q: %q", "dir", sub)})
	for _, tt := range tests {
		path := validateWriteConfig(t, confDir, tt.cfg)
		got, err := LoadConfig(path)
		if err != nil {
			t.Errorf("LoadConfig(%q) with %s = %v, want no error", path, tt.what, err)
			continue
		}
		if got.Dir != tt.want {
			t.Errorf("LoadConfig(%q) with %s gave Dir %q, want %q: a relative dir is relative to the folder "+
				"holding the config file (filepath.Join(filepath.Dir(path), dir)), not to the working directory",
				path, tt.what, got.Dir, tt.want)
		}
	}
}
