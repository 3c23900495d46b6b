package upload

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A client names its file, and the name is the client's to choose:
// "../../etc/cron.d/x", "C:\\boot.ini", "invoice.pdf\u202Etxt.exe" (a
// right-to-left override that displays as "invoice.pdfexe.txt"), a name of
// 10 000 bytes, ".htaccess", or nothing at all. The stored file never uses
// it: Save names files with random names. The client's name is kept only
// as metadata (to show, or to send back in a Content-Disposition), and
// only after SanitizeFilename.

// DefaultMaxNameBytes is the length SanitizeFilename cuts names to when
// given a limit of 0.
const DefaultMaxNameBytes = 255

// SanitizeFilename returns a version of the client's file name name that is
// safe to show and to store as metadata:
//
//   - only the last element of a path is kept, whether separated by "/"
//     or "\";
//   - control characters, Unicode format characters (such as the
//     right-to-left override) and bytes that are not UTF-8 are removed;
//     the characters Windows forbids in names (<>:"|?*) become "_";
//   - leading dots and spaces are removed (no hidden files, no "."
//     or ".."), and trailing dots and spaces too (Windows drops them);
//   - the result is at most maxBytes bytes (0 means DefaultMaxNameBytes),
//     cut between runes, keeping a short extension when it can.
//
// The result may be "": the name had nothing usable, and the caller
// chooses one (Save generates it).
func SanitizeFilename(name string, maxBytes int) string {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxNameBytes
	}
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			// not UTF-8: dropped
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError:
			// invisible or controlling: dropped
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	clean := strings.TrimLeft(b.String(), ". ")
	clean = strings.TrimRight(clean, ". ")
	if len(clean) <= maxBytes {
		return clean
	}
	ext := path.Ext(clean)
	if len(ext) > 16 || len(ext) >= maxBytes/2 {
		ext = ""
	}
	stem := strings.TrimRight(cutRunes(clean[:len(clean)-len(ext)], maxBytes-len(ext)), ". ")
	if stem == "" { // no room for the extension: it would be all that is left
		return strings.TrimRight(cutRunes(clean, maxBytes), ". ")
	}
	return stem + ext
}

// cutRunes returns the longest prefix of s of at most n bytes that does
// not end in the middle of a rune.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
