package upload

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestSavedFilesArePrivate pins the default permission of stored files,
// 0600: an upload is a user's data, and no other account on the machine
// should read it (chapter 13's review of the defaults). A umask can only
// take bits away, so the mode on disk is at most 0600 whatever it is.
func TestSavedFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	root, dir := openRoot(t)
	b, ctype := body(t, part{field: "doc", filename: "notes.txt", ctype: "text/plain", data: []byte("private\n")})
	form, err := save(t, root, Options{}, b, ctype)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, form.Files[0].Name))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&^0o600 != 0 {
		t.Errorf("a stored upload has mode %v, want at most -rw------- (0600): group and others must not read it", perm)
	}
}
