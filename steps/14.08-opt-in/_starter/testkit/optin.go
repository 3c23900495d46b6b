package testkit

// OptIn decides whether a test that needs a real server (Redis, say) runs. It reads the
// environment variable name through getenv and expects host:port in it. It returns the
// address and "" when the variable holds one; otherwise "" and the reason to skip, naming the
// variable (and, for a value that is not host:port, the value and what is wrong with it).
func OptIn(getenv func(string) string, name string) (addr, skip string) {
	// TODO(14.08): getenv(name); net.SplitHostPort; a reason for each way it fails.
	return "", ""
}
