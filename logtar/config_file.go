package logtar

import (
	"errors"
	"fmt"
	"os"
)

// LoadConfig reads a config from a JSON file. Settings the file leaves out
// keep their [NewConfig] defaults. A file looks like this (every key is
// optional):
//
//	{
//		"level": "warn",
//		"dir": "/var/log/myapp",
//		"file_prefix": "myapp_",
//		"rolling_size": 10485760,
//		"rolling_interval": "24h",
//		"caller": true,
//		"caller_skip": 0,
//		"async": false,
//		"queue_size": 1024,
//		"active_file": "myapp.log",
//		"max_backups": 30,
//		"max_age": "720h",
//		"compress": true,
//		"local_time": false,
//		"file_mode": "0640",
//		"drop_when_full": false
//	}
//
// An unknown key, a value of the wrong type and a value out of range are all
// errors: a [*ConfigError] that names the file and the key. A missing file
// gives an error that matches [fs.ErrNotExist].
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("logtar: config: %w", err)
	}
	cfg := NewConfig()
	if err := cfg.UnmarshalJSON(data); err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			withFile := *ce
			withFile.File = path
			return Config{}, &withFile
		}
		return Config{}, err
	}
	return cfg, nil
}
