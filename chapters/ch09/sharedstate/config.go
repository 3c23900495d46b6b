package sharedstate

// Config is the application's configuration. A *Config that Config
// returned is a snapshot: nobody modifies it, so a request reads all its
// fields from one version even while SetConfig publishes the next.
type Config struct {
	Greeting string
	Version  int
}

// Config returns the configuration in force. The caller must not modify
// it.
func (a *App) Config() *Config {
	return a.config.Load()
}

// SetConfig publishes cfg: requests that start afterwards see it, and
// requests holding the previous snapshot keep it unchanged.
func (a *App) SetConfig(cfg Config) {
	a.config.Store(&cfg)
}
