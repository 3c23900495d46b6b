package secret

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func loadFileWrite(t *testing.T, content string, mode fs.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), fmt.Sprintf("secret-%d", rand.IntN(1000)))
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSecretFromFileReads(t *testing.T) {
	v := fmt.Sprintf("db-%x", rand.Uint64())
	for _, tc := range []struct {
		content, want string
		mode          fs.FileMode
	}{
		{v, v, 0o600},
		{v + "\n", v, 0o400},
		{v + "\r\n", v, 0o600},
		{v + "\nline2\n", v + "\nline2", 0o600},
	} {
		s, err := FromFile(loadFileWrite(t, tc.content, tc.mode), 0)
		if err != nil || s.Reveal() != tc.want {
			t.Fatalf("FromFile(file holding %q, mode %04o) = %q, %v; want %q", tc.content, tc.mode, s.Reveal(), err, tc.want)
		}
	}
	if s, err := FromFile(loadFileWrite(t, v, 0o444), 0o444); err != nil || s.Reveal() != v {
		t.Fatalf("FromFile(mode 0444, perm 0444) = %q, %v", s.Reveal(), err)
	}
}

func TestSecretFromFileRefusesLoosePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows files have no Unix mode bits")
	}
	v := fmt.Sprintf("db-%x", rand.Uint64())
	modes := []fs.FileMode{0o644, 0o640, 0o604, 0o660, 0o606, 0o666, 0o620, 0o602}
	mode := modes[rand.IntN(len(modes))]
	p := loadFileWrite(t, v, mode)
	s, err := FromFile(p, 0)
	if err == nil {
		t.Fatalf("FromFile(file with mode %04o, 0) = %q, nil; want an error: the group or others may read or write it", mode, s.Reveal())
	}
	if !strings.Contains(err.Error(), "chmod 600") || strings.Contains(err.Error(), v) {
		t.Fatalf("FromFile(mode %04o): %v; want an error that says chmod 600 and does not show the content", mode, err)
	}
}

func TestSecretFromFileLimits(t *testing.T) {
	if _, err := FromFile(loadFileWrite(t, "\n", 0o600), 0); !errors.Is(err, ErrEmpty) {
		t.Fatalf("FromFile(a file holding only a newline) = %v, want ErrEmpty", err)
	}
	big := strings.Repeat("k", MaxFileSize+1+rand.IntN(100))
	if _, err := FromFile(loadFileWrite(t, big, 0o600), 0); err == nil {
		t.Fatalf("FromFile(a %d-byte file) = nil error, want a refusal over MaxFileSize", len(big))
	}
	exact := strings.Repeat("k", MaxFileSize)
	if s, err := FromFile(loadFileWrite(t, exact, 0o600), 0); err != nil || len(s.Reveal()) != MaxFileSize {
		t.Fatalf("FromFile(a file of exactly MaxFileSize bytes) = %d bytes, %v", len(s.Reveal()), err)
	}
	if _, err := FromFile(t.TempDir(), 0); err == nil {
		t.Fatal("FromFile(a directory) = nil error, want a refusal")
	}
	if _, err := FromFile(filepath.Join(t.TempDir(), "missing"), 0); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("FromFile(a missing file) = %v, want an error wrapping fs.ErrNotExist", err)
	}
}
