package secret

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func writeSecret(t *testing.T, content string, mode fs.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFromFile(t *testing.T) {
	for content, want := range map[string]string{
		testValue:          testValue,
		testValue + "\n":   testValue,
		testValue + "\r\n": testValue,
		testValue + "\n\n": testValue + "\n",
		"-----BEGIN KEY-----\nabc\n-----END KEY-----\n": "-----BEGIN KEY-----\nabc\n-----END KEY-----",
	} {
		s, err := FromFile(writeSecret(t, content, 0o600), 0)
		if err != nil || s.Reveal() != want {
			t.Errorf("FromFile(%q) = %q, %v; want %q", content, s.Reveal(), err, want)
		}
	}
	if s, err := FromFile(writeSecret(t, testValue, 0o400), 0); err != nil || s.Reveal() != testValue {
		t.Errorf("mode 0400: %v", err)
	}
}

func TestFromFileRefuses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits")
	}
	for _, mode := range []fs.FileMode{0o644, 0o640, 0o604, 0o620, 0o602, 0o660, 0o666} {
		p := writeSecret(t, testValue, mode)
		_, err := FromFile(p, 0)
		if err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("mode %04o: %v, want an error saying chmod 600", mode, err)
		}
		if err != nil && strings.Contains(err.Error(), testValue) {
			t.Errorf("the error shows the secret: %v", err)
		}
	}
	if _, err := FromFile(writeSecret(t, testValue, 0o444), 0o444); err != nil {
		t.Errorf("mode 0444 with perm 0444: %v", err)
	}
	if _, err := FromFile(writeSecret(t, "\n", 0o600), 0); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty file: %v", err)
	}
	if _, err := FromFile(writeSecret(t, strings.Repeat("x", MaxFileSize+1), 0o600), 0); err == nil {
		t.Error("a file over MaxFileSize was read")
	}
	if _, err := FromFile(t.TempDir(), 0); err == nil {
		t.Error("a directory was read")
	}
	if _, err := FromFile(filepath.Join(t.TempDir(), "missing"), 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoad(t *testing.T) {
	p := writeSecret(t, testValue+"-file\n", 0o600)
	t.Setenv("SECRET_TEST_A", testValue)
	t.Setenv("SECRET_TEST_B_FILE", p)
	t.Setenv("SECRET_TEST_C", testValue)
	t.Setenv("SECRET_TEST_C_FILE", p)
	t.Setenv("SECRET_TEST_D", "")
	if s, err := Load("SECRET_TEST_A", 0); err != nil || s.Reveal() != testValue {
		t.Errorf("from env: %q, %v", s.Reveal(), err)
	}
	if s, err := Load("SECRET_TEST_B", 0); err != nil || s.Reveal() != testValue+"-file" {
		t.Errorf("from file: %q, %v", s.Reveal(), err)
	}
	if _, err := Load("SECRET_TEST_C", 0); err == nil || !strings.Contains(err.Error(), "SECRET_TEST_C_FILE") {
		t.Errorf("both set: %v", err)
	}
	if _, err := Load("SECRET_TEST_D", 0); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := Load("SECRET_TEST_UNSET", 0); err == nil || !strings.Contains(err.Error(), "SECRET_TEST_UNSET") {
		t.Errorf("unset: %v", err)
	}
}
