package upload

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
	// TODO(08.09-sanitize): keep the last path element, drop control and
	// format characters and bytes that are not UTF-8, replace <>:"|?* with
	// '_', trim dots and spaces at both ends, then cut to maxBytes.
	return ""
}

// cutRunes returns the longest prefix of s of at most n bytes that does
// not end in the middle of a rune.
func cutRunes(s string, n int) string {
	// TODO(08.09-sanitize): cut s to at most n bytes, between two runes.
	return ""
}
