package files

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Config is the configuration of a logger, as read from a JSON file such as
//
//	{"level": "debug", "prefix": "shop", "dir": "logs", "max_bytes": 1048576}
//
// Keys a file leaves out keep the values of DefaultConfig.
type Config struct {
	Level    string `json:"level"`     // lowest level written: "debug", "info", "warn" or "error"
	Prefix   string `json:"prefix"`    // the start of every log file's name
	Dir      string `json:"dir"`       // the folder for log files
	MaxBytes int64  `json:"max_bytes"` // the size at which a log file is rolled over
}

// DefaultConfig returns the configuration used for every key a file leaves
// out.
func DefaultConfig() Config {
	return Config{Level: "info", Prefix: "app", Dir: "logs", MaxBytes: 1 << 20}
}

// LoadConfig reads the JSON configuration file at path. Keys the file
// leaves out keep their default values. A key Config does not have is an
// error, because a misspelt key would otherwise be ignored without a word,
// and so is anything after the JSON object.
//
// Every error names the file. A syntax error also gives the line and column
// where the JSON stops making sense, and a value of the wrong type names its
// key.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("files: config: %w", err)
	}
	cfg, err := parseConfig(data)
	if err != nil {
		return Config{}, fmt.Errorf("files: config %s: %w", path, err)
	}
	return cfg, nil
}

// parseConfig decodes one JSON object over the defaults, strictly.
func parseConfig(data []byte) (Config, error) {
	cfg := DefaultConfig()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		if err == io.EOF {
			return Config{}, errors.New("the file is empty, want a JSON object")
		}
		return Config{}, explainJSONError(data, err)
	}
	end := dec.InputOffset() // just after the object
	if _, err := dec.Token(); err != io.EOF {
		rest := data[end:]
		line, col := position(data, end+int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n"))))
		return Config{}, fmt.Errorf("line %d, column %d: unexpected data after the JSON object", line, col)
	}
	return cfg, nil
}

// explainJSONError adds the line and column to a syntax error, and says
// what a JSON document that stops half-way is missing. Other errors from
// encoding/json already name the key they are about.
func explainJSONError(data []byte, err error) error {
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		line, col := position(data, syntax.Offset-1) // Offset counts the bad byte
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("the JSON ends before the object does (a missing } or \"?): %w", err)
	}
	return err
}

// position returns the line and column, both counted from 1, of the byte at
// index i of data.
func position(data []byte, i int64) (line, col int) {
	before := data[:min(max(i, 0), int64(len(data)))]
	line = 1 + bytes.Count(before, []byte{'\n'})
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}
