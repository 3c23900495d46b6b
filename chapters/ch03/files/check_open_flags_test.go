package files

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// openFlagsName spells out flags as "O_WRONLY|O_CREATE|O_TRUNC".
func openFlagsName(flags int) string {
	var parts []string
	switch flags & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR) {
	case os.O_RDONLY:
		parts = append(parts, "O_RDONLY")
	case os.O_WRONLY:
		parts = append(parts, "O_WRONLY")
	case os.O_RDWR:
		parts = append(parts, "O_RDWR")
	}
	rest := flags &^ (os.O_RDONLY | os.O_WRONLY | os.O_RDWR)
	for _, f := range []struct {
		bit  int
		name string
	}{{os.O_CREATE, "O_CREATE"}, {os.O_TRUNC, "O_TRUNC"}, {os.O_APPEND, "O_APPEND"}, {os.O_EXCL, "O_EXCL"}, {os.O_SYNC, "O_SYNC"}} {
		if rest&f.bit != 0 {
			parts = append(parts, f.name)
			rest &^= f.bit
		}
	}
	if rest != 0 {
		parts = append(parts, "other bits")
	}
	return strings.Join(parts, "|")
}

func TestOpenFlagsKnownModes(t *testing.T) {
	tests := []struct {
		mode string
		want int
	}{
		{"r", os.O_RDONLY},
		{"r+", os.O_RDWR},
		{"w", os.O_WRONLY | os.O_CREATE | os.O_TRUNC},
		{"w+", os.O_RDWR | os.O_CREATE | os.O_TRUNC},
		{"wx", os.O_WRONLY | os.O_CREATE | os.O_TRUNC | os.O_EXCL},
		{"wx+", os.O_RDWR | os.O_CREATE | os.O_TRUNC | os.O_EXCL},
		{"a", os.O_WRONLY | os.O_CREATE | os.O_APPEND},
		{"a+", os.O_RDWR | os.O_CREATE | os.O_APPEND},
		{"ax", os.O_WRONLY | os.O_CREATE | os.O_APPEND | os.O_EXCL},
		{"ax+", os.O_RDWR | os.O_CREATE | os.O_APPEND | os.O_EXCL},
	}
	for _, tt := range tests {
		got, err := OpenFlags(tt.mode)
		if got != tt.want || err != nil {
			t.Errorf("OpenFlags(%q) = %s, %v; want %s, nil", tt.mode, openFlagsName(got), err, openFlagsName(tt.want))
		}
	}
}

func TestOpenFlagsUnknownModes(t *testing.T) {
	for _, mode := range []string{"", "rw", "R", "W", "x", "rx", "r+x", "wxx", "w ", " r", "read", "b"} {
		got, err := OpenFlags(mode)
		if !errors.Is(err, ErrBadMode) {
			t.Errorf("OpenFlags(%q) = %s, %v; want an error wrapping ErrBadMode", mode, openFlagsName(got), err)
		}
	}
	if _, err := OpenFlags("rw"); err != nil && !strings.Contains(err.Error(), `"rw"`) {
		t.Errorf("OpenFlags(\"rw\") returned the error %q, want it to quote the bad mode, \"rw\"", err)
	}
}
