package logtar

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCallerNamesShortForms(t *testing.T) {
	files := []struct{ give, want string }{
		{"/home/ann/src/app/server/main.go", "server/main.go"},
		{"/main.go", "/main.go"},
		{"main.go", "main.go"},
		{"dir/main.go", "dir/main.go"},
	}
	for _, tt := range files {
		if got := shortFile(tt.give); got != tt.want {
			t.Errorf("shortFile(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
	funcs := []struct{ give, want string }{
		{"github.com/ann/app/server.(*Server).handle", "server.(*Server).handle"},
		{"main.main", "main.main"},
		{"example.com/x.Run.func1", "x.Run.func1"},
		{"example.com/a/b.(*T[...]).M", "b.(*T[...]).M"},
	}
	for _, tt := range funcs {
		if got := shortFunc(tt.give); got != tt.want {
			t.Errorf("shortFunc(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
}

// callerNamesPC returns the PC of the code that called it, as the Logger
// will find it: with runtime.Callers.
func callerNamesPC() uintptr {
	var pcs [1]uintptr
	runtime.Callers(2, pcs[:]) // skip runtime.Callers and callerNamesPC
	return pcs[0]
}

// callerNamesWant returns the caller fields that name the line that called
// it, in function fn.
func callerNamesWant(fn string) string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf(`,"caller":"%s/%s:%d","func":"%s"`, filepath.Base(filepath.Dir(file)), filepath.Base(file), line, fn)
}

func TestCallerNamesFromPC(t *testing.T) {
	pc, want := callerNamesPC(), callerNamesWant("logtar.TestCallerNamesFromPC")
	if got := string(appendCaller(nil, pc)); got != want {
		t.Errorf("appendCaller(nil, a PC on the line that calls it) = %s, want %s", got, want)
	}
	var pc2 uintptr
	var want2 string
	func() {
		pc2, want2 = callerNamesPC(), callerNamesWant("logtar.TestCallerNamesFromPC.func1")
	}()
	if got := string(appendCaller(nil, pc2)); got != want2 {
		t.Errorf("appendCaller(nil, a PC in a closure) = %s, want %s", got, want2)
	}
	got := appendCaller([]byte(`{"msg":"m"`), pc)
	var m map[string]any
	if err := json.Unmarshal(append(got, '}'), &m); err != nil {
		t.Errorf("appendCaller after a message gives %s}, which is not valid JSON: %v", got, err)
	}
}

func TestCallerNamesUnknown(t *testing.T) {
	if got, want := string(appendCaller([]byte(`{"msg":"m"`), 0)), `{"msg":"m","caller":"unknown"`; got != want {
		t.Errorf("appendCaller after a message, with pc 0 = %s, want %s", got, want)
	}
	if got, want := string(appendKeyString([]byte("{"), "k", "a\"b")), `{"k":"a\"b"`; got != want {
		t.Errorf(`appendKeyString([]byte("{"), "k", "a\"b") = %s, want %s`, got, want)
	}
}

func TestCallerNamesRandomPaths(t *testing.T) {
	word := func() string {
		b := make([]byte, 1+rand.IntN(8))
		for i := range b {
			b[i] = "abcdefghijklmnopqrstuvwxyz0123456789_-."[rand.IntN(39)]
		}
		return string(b)
	}
	for range 20 {
		parts := make([]string, 2+rand.IntN(5))
		for i := range parts {
			parts[i] = word()
		}
		path := "/" + strings.Join(parts, "/")
		if got, want := shortFile(path), strings.Join(parts[len(parts)-2:], "/"); got != want {
			t.Fatalf("shortFile(%q) = %q, want %q: the last directory and the file name", path, got, want)
		}
		fn := word() + "." + word()
		pkgPath := strings.Join(parts[:len(parts)-1], "/") + "/" + fn
		if got := shortFunc(pkgPath); got != fn {
			t.Fatalf("shortFunc(%q) = %q, want %q: what follows the last slash", pkgPath, got, fn)
		}
	}
}
