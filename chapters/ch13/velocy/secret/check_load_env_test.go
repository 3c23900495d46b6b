package secret

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadEnvName() string { return fmt.Sprintf("LEARN_SECRET_%d", rand.IntN(1e9)) }

func TestSecretFromEnv(t *testing.T) {
	name, v := loadEnvName(), fmt.Sprintf("env-%x", rand.Uint64())
	t.Setenv(name, v)
	if s, err := FromEnv(name); err != nil || s.Reveal() != v {
		t.Fatalf("FromEnv(%s) with %s=%s: %q, %v", name, name, v, s.Reveal(), err)
	}
	empty := loadEnvName()
	t.Setenv(empty, "")
	if _, err := FromEnv(empty); !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), empty) {
		t.Fatalf("FromEnv(%s) with %s set but empty: %v, want ErrEmpty naming the variable", empty, empty, err)
	}
	unset := loadEnvName()
	if _, err := FromEnv(unset); err == nil || !strings.Contains(err.Error(), unset) {
		t.Fatalf("FromEnv(%s) with it unset: %v, want an error naming the variable", unset, err)
	}
}

func TestSecretLoad(t *testing.T) {
	v := fmt.Sprintf("file-%x", rand.Uint64())
	p := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(p, []byte(v+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile := loadEnvName()
	t.Setenv(fromFile+"_FILE", p)
	if s, err := Load(fromFile, 0); err != nil || s.Reveal() != v {
		t.Fatalf("Load(%s) with %s_FILE=%s: %q, %v; want the file's content", fromFile, fromFile, p, s.Reveal(), err)
	}
	fromEnv, ev := loadEnvName(), fmt.Sprintf("env-%x", rand.Uint64())
	t.Setenv(fromEnv, ev)
	if s, err := Load(fromEnv, 0); err != nil || s.Reveal() != ev {
		t.Fatalf("Load(%s) with %s=%s: %q, %v", fromEnv, fromEnv, ev, s.Reveal(), err)
	}
	both := loadEnvName()
	t.Setenv(both, ev)
	t.Setenv(both+"_FILE", p)
	if _, err := Load(both, 0); err == nil || !strings.Contains(err.Error(), both+"_FILE") {
		t.Fatalf("Load(%s) with both %s and %s_FILE set: %v, want an error naming both", both, both, both, err)
	}
	if _, err := Load(loadEnvName(), 0); err == nil {
		t.Fatal("Load of a variable that is not set: nil error")
	}
}
