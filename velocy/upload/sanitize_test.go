package upload

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitizeFilename(t *testing.T) {
	for name, want := range map[string]string{
		"photo.png":                "photo.png",
		"../../etc/passwd":         "passwd",
		`..\..\windows\win.ini`:    "win.ini",
		`C:\Users\me\photo.png`:    "photo.png",
		"/abs/path/x.txt":          "x.txt",
		"dir/":                     "",
		"..":                       "",
		".":                        "",
		"...":                      "",
		".htaccess":                "htaccess",
		"  .bashrc  ":              "bashrc",
		"name.":                    "name",
		"a\x00b\nc\td.txt":         "abcd.txt",
		"invoice.pdf\u202Etxt.exe": "invoice.pdftxt.exe",
		"bad\xffutf8.txt":          "badutf8.txt",
		`what?<>:"|*.txt`:          "what_______.txt",
		"résumé.pdf":               "résumé.pdf",
		"日本語のファイル.txt":             "日本語のファイル.txt",
		"":                         "",
		"\u200b":                   "",
		"a..b.txt":                 "a..b.txt",
	} {
		if got := SanitizeFilename(name, 0); got != want {
			t.Errorf("SanitizeFilename(%q) = %q, want %q", name, got, want)
		}
	}
	long := strings.Repeat("é", 200) + ".jpeg" // 405 bytes
	got := SanitizeFilename(long, 0)
	if len(got) > DefaultMaxNameBytes || !utf8.ValidString(got) || !strings.HasSuffix(got, ".jpeg") {
		t.Errorf("a long name: %q (%d bytes), want ≤ %d bytes, valid UTF-8, the extension kept", got, len(got), DefaultMaxNameBytes)
	}
	if got := SanitizeFilename("日本.txt", 4); got != "日" {
		t.Errorf("4 bytes: %q, want 日 (no room for the extension, no half rune)", got)
	}
}

// checkName checks the properties every sanitised name has.
func checkName(t *testing.T, in, got string, max int) {
	t.Helper()
	if len(got) > max {
		t.Fatalf("SanitizeFilename(%q, %d) = %q: %d bytes", in, max, got, len(got))
	}
	if !utf8.ValidString(got) {
		t.Fatalf("SanitizeFilename(%q) = %q: not UTF-8", in, got)
	}
	if strings.ContainsAny(got, `/\`) || got == "." || got == ".." || strings.HasPrefix(got, ".") {
		t.Fatalf("SanitizeFilename(%q) = %q: a path, or a hidden name", in, got)
	}
	for _, r := range got {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Fatalf("SanitizeFilename(%q) = %q: control or format character %U", in, got, r)
		}
	}
}

func FuzzSanitizeFilename(f *testing.F) {
	for _, s := range []string{"photo.png", "../../etc/passwd", `..\x`, "a\x00b", "\u202E", "日本.txt", strings.Repeat("é", 200) + ".jpeg", " . "} {
		f.Add(s, 0)
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, name string, max int) {
		max = max % 300
		got := SanitizeFilename(name, max)
		if max <= 0 {
			max = DefaultMaxNameBytes
		}
		checkName(t, name, got, max)
		if again := SanitizeFilename(got, max); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", name, got, again)
		}
	})
}
