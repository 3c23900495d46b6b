package files

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
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

// loadConfigRandom returns a valid Config whose values no solution can guess.
// Dir is absolute, so that it reads back the same before and after step
// 03.05-validate-config makes relative dirs relative to the file.
func loadConfigRandom(t *testing.T) Config {
	levels := []string{"debug", "info", "warn", "error"}
	return Config{
		Level:    levels[rand.IntN(len(levels))],
		Prefix:   fmt.Sprintf("shop-%d", rand.IntN(1000)),
		Dir:      filepath.Join(t.TempDir(), fmt.Sprintf("logs-%d", rand.IntN(1000))),
		MaxBytes: 1024 + rand.Int64N(1<<30),
	}
}

// loadConfigSame compares the four fields the file sets.
func loadConfigSame(a, b Config) bool {
	return a.Level == b.Level && a.Prefix == b.Prefix && a.Dir == b.Dir && a.MaxBytes == b.MaxBytes
}

func TestLoadConfigReadsEveryKey(t *testing.T) {
	want := loadConfigRandom(t)
	content := fmt.Sprintf(`{"level": %q, "prefix": %q, "dir": %q, "max_bytes": %d}`,
		want.Level, want.Prefix, want.Dir, want.MaxBytes)
	path := loadConfigFile(t, content)
	got, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("LoadConfig of %s = %v, want no error", content, err)
	}
	if !loadConfigSame(got, want) {
		t.Errorf("LoadConfig of %s = %+v, want %+v: decode into a Config with json tags", content, got, want)
	}
}

func TestLoadConfigKeepsDefaults(t *testing.T) {
	r := loadConfigRandom(t)
	def := DefaultConfig()
	// One key set, the others left out: those keep their defaults.
	tests := []struct {
		content string
		want    Config
	}{
		{fmt.Sprintf(`{"level": %q}`, r.Level),
			Config{Level: r.Level, Prefix: def.Prefix, Dir: def.Dir, MaxBytes: def.MaxBytes}},
		{fmt.Sprintf(`{"prefix": %q}`, r.Prefix),
			Config{Level: def.Level, Prefix: r.Prefix, Dir: def.Dir, MaxBytes: def.MaxBytes}},
		{fmt.Sprintf(`{"max_bytes": %d}`, r.MaxBytes),
			Config{Level: def.Level, Prefix: def.Prefix, Dir: def.Dir, MaxBytes: r.MaxBytes}},
	}
	for _, tt := range tests {
		got, err := LoadConfig(loadConfigFile(t, tt.content))
		if err != nil {
			t.Errorf("LoadConfig of %s = %v, want no error", tt.content, err)
			continue
		}
		cmp := got
		cmp.Dir = filepath.Base(got.Dir) // step 03.05-validate-config puts the file's folder in front
		if !loadConfigSame(cmp, tt.want) {
			t.Errorf("LoadConfig of %s = %+v, want %+v: start from DefaultConfig() and decode into it, "+
				"so that the keys the file leaves out keep their defaults", tt.content, got, tt.want)
		}
	}
}

func TestLoadConfigSyntaxErrorLine(t *testing.T) {
	// A comma goes missing at the end of a random line; the decoder notices
	// at the next key, a random number of lines further down.
	keys := []string{`"level": "debug"`, `"prefix": "shop"`, `"dir": "logs"`, `"max_bytes": 4096`}
	lines := []string{"{"}
	missing := rand.IntN(len(keys) - 1)
	indent := 1 + rand.IntN(6)
	want := 0
	for i, k := range keys {
		for range rand.IntN(3) {
			lines = append(lines, "") // blank lines are allowed in JSON
		}
		if i == missing+1 {
			want = len(lines) + 1 // the line this key goes on, counted from 1
		}
		if i < len(keys)-1 && i != missing {
			k += ","
		}
		lines = append(lines, strings.Repeat(" ", indent)+k)
	}
	lines = append(lines, "}")
	content := strings.Join(lines, "\n")
	_, err := LoadConfig(loadConfigFile(t, content))
	mention := fmt.Sprintf("line %d, column %d", want, indent+1)
	if err == nil || !strings.Contains(err.Error(), mention) {
		t.Errorf("LoadConfig of a file holding %q returned the error %v, want it to mention %q: the comma "+
			"missing on line %d is noticed at the '\"' that starts the next key; turn SyntaxError.Offset "+
			"into a line (count the '\\n' before it) and a column (count the bytes since the last '\\n')",
			content, err, mention, want-1-loadConfigBlank(lines, want))
	}
}

// loadConfigBlank counts the blank lines just before line n (counted from 1).
func loadConfigBlank(lines []string, n int) int {
	blank := 0
	for i := n - 2; i >= 0 && lines[i] == ""; i-- {
		blank++
	}
	return blank
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
		{"missing comma", "{\n  \"level\": \"debug\",\n  \"prefix\": \"shop\"\n  \"dir\": \"logs\"\n}", []string{"line 4, column 3"},
			"a comma is missing at the end of line 3, which the decoder notices on line 4, column 3; turn SyntaxError.Offset into a line and a column"},
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
