package testkit

import (
	"fmt"
	"net"
)

// OptIn decides whether a test that needs a real server (Redis, say) runs. It reads the
// environment variable name through getenv and expects host:port in it. It returns the
// address and "" when the variable holds one; otherwise "" and the reason to skip, naming the
// variable (and, for a value that is not host:port, the value and what is wrong with it):
//
//	addr, skip := testkit.OptIn(os.Getenv, "REDIS_ADDR")
//	if skip != "" {
//		t.Skip(skip)
//	}
func OptIn(getenv func(string) string, name string) (addr, skip string) {
	v := getenv(name)
	if v == "" {
		return "", fmt.Sprintf("%s is not set: set %s=host:port to run this test against a real server", name, name)
	}
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return "", fmt.Sprintf("%s=%q is not host:port: %v", name, v, err)
	}
	if host == "" || port == "" {
		return "", fmt.Sprintf("%s=%q is not host:port: the host or the port is empty", name, v)
	}
	return v, ""
}
