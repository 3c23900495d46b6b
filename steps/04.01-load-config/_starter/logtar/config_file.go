package logtar

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
//		"queue_size": 1024
//	}
//
// An unknown key, a value of the wrong type and a value out of range are all
// errors: a [*ConfigError] that names the file and the key. A missing file
// gives an error that matches [fs.ErrNotExist].
func LoadConfig(path string) (Config, error) {
	// TODO(04.01-load-config): read the file (an error is wrapped:
	// "logtar: config: %w"), start from NewConfig and let UnmarshalJSON do
	// the rest. If it returns a *ConfigError, return a copy of it with File
	// set to path.
	return Config{}, nil
}
