package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadConfigFile writes content to app.json in a new folder and returns its path.
func loadConfigFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app.json")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfigReadsEveryKey(t *testing.T) {
	path := loadConfigFile(t, `{"level": "debug", "prefix": "shop", "dir": "/var/log/shop", "max_bytes": 4096}`)
	got, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("LoadConfig of a file with every key = %v, want no error", err)
	}
	if got.Level != "debug" || got.Prefix != "shop" || got.MaxBytes != 4096 || !strings.HasSuffix(got.Dir, "shop") {
		t.Errorf("LoadConfig of {\"level\": \"debug\", \"prefix\": \"shop\", \"dir\": \"/var/log/shop\", \"max_bytes\": 4096} "+
			"= %+v, want those values: decode into a Config with json tags", got)
	}
}

func TestLoadConfigKeepsDefaults(t *testing.T) {
	path := loadConfigFile(t, `{"level": "warn"}`)
	got, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("LoadConfig of {\"level\": \"warn\"} = %v, want no error", err)
	}
	def := DefaultConfig()
	if got.Level != "warn" || got.Prefix != def.Prefix || got.MaxBytes != def.MaxBytes || got.Dir == "" {
		t.Errorf("LoadConfig of {\"level\": \"warn\"} = %+v, want level \"warn\" and the defaults for the rest "+
			"(prefix %q, max_bytes %d): start from DefaultConfig() and decode into it", got, def.Prefix, def.MaxBytes)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name, content string
		mention       []string // the error must contain each of these
		why           string
	}{
		{"misspelt key", `{"levle": "debug"}`, []string{"levle"},
			"an unknown key is a mistake to report (json.Decoder.DisallowUnknownFields)"},
		{"wrong type", `{"max_bytes": "a lot"}`, []string{"max_bytes"},
			"a string where a number belongs; encoding/json's error names the key"},
		{"missing comma", "{\n  \"level\": \"debug\",\n  \"prefix\": \"shop\"\n  \"dir\": \"logs\"\n}", []string{"line 4"},
			"a comma is missing at the end of line 3, which the decoder notices on line 4; turn SyntaxError.Offset into a line number"},
		{"two objects", `{"level": "debug"} {"level": "error"}`, nil,
			"only one JSON object may be in the file (check that dec.Token() returns io.EOF after Decode)"},
		{"empty file", "", nil, "an empty file is not a configuration"},
		{"cut short", `{"level": "debug"`, nil, "the closing } is missing"},
		{"not an object", `["debug"]`, nil, "the file must hold a JSON object"},
	}
	for _, tt := range tests {
		path := loadConfigFile(t, tt.content)
		got, err := LoadConfig(path)
		if err == nil {
			t.Errorf("LoadConfig of a file holding %q (%s) = %+v, nil; want an error: %s", tt.content, tt.name, got, tt.why)
			continue
		}
		for _, m := range append([]string{path}, tt.mention...) {
			if !strings.Contains(err.Error(), m) {
				t.Errorf("LoadConfig of a file holding %q (%s) returned the error %q, want it to mention %q: %s",
					tt.content, tt.name, err, m, tt.why)
			}
		}
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.json")
	_, err := LoadConfig(path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadConfig(%q) for a file that does not exist = %v, want an error wrapping fs.ErrNotExist", path, err)
	}
}
