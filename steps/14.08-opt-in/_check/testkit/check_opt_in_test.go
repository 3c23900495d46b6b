package testkit

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestOptIn(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 14))
	name := fmt.Sprintf("TEST_SERVER_%d", r.IntN(1000))
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }

	if addr, skip := OptIn(getenv, name); addr != "" || !strings.Contains(skip, name) {
		t.Fatalf("OptIn with %s unset = %q, %q; want \"\" and a reason that names %s", name, addr, skip, name)
	}
	good := fmt.Sprintf("127.0.0.%d:%d", 1+r.IntN(250), 1024+r.IntN(60000))
	env[name] = good
	if addr, skip := OptIn(getenv, name); addr != good || skip != "" {
		t.Fatalf("OptIn with %s=%s = %q, %q; want %q, \"\"", name, good, addr, skip, good)
	}
	env["OTHER"] = good
	delete(env, name)
	if addr, _ := OptIn(getenv, name); addr != "" {
		t.Fatalf("OptIn read another variable than %s: %q", name, addr)
	}
	for _, bad := range []string{fmt.Sprintf("localhost%d", r.IntN(9999)), fmt.Sprintf(":%d", r.IntN(9999)), "redis-host:"} {
		env[name] = bad
		addr, skip := OptIn(getenv, name)
		if addr != "" || !strings.Contains(skip, name) || !strings.Contains(skip, bad) {
			t.Fatalf("OptIn with %s=%q = %q, %q; want \"\" and a reason naming the variable and its value", name, bad, addr, skip)
		}
	}
}
