package web

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportRefusesANonEmptyFolder(t *testing.T) {
	s := fixtureSite(t, false)
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := s.Export(dir, false)
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("Export into a folder holding a file: %v, want ErrNotEmpty naming --force", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the refused export wrote %d entries", len(entries)-1)
	}
	if err := s.Export(dir, true); err != nil {
		t.Fatalf("Export with force: %v", err)
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Errorf("the forced export lost the file that was there: %q %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Error(err)
	}
}

func TestExportBadInput(t *testing.T) {
	s := fixtureSite(t, false)
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if err := s.Export(file, true); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("Export to a file: %v", err)
	}
	if err := s.Export(filepath.Join(file, "below"), false); err == nil {
		t.Error("Export below a file: no error")
	}
	if err := fixtureSite(t, true).Export(t.TempDir(), false); err == nil || !strings.Contains(err.Error(), "check buttons") {
		t.Errorf("Export of a site with check buttons: %v", err)
	}
	// A fresh folder is made, parents too.
	if err := s.Export(filepath.Join(t.TempDir(), "a", "b"), false); err != nil {
		t.Error(err)
	}
}

func TestExportHasNoCheckButtons(t *testing.T) {
	s := fixtureSite(t, false)
	dir := t.TempDir()
	if err := s.Export(dir, false); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "ch01", "01.01-calc.html"))
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "the exported lesson", string(page), `id="step-01.01-add"`)
	mustNotContain(t, "the exported lesson", string(page), `class="check"`, `/check/`, `class="progress"`)
	search, _ := os.ReadFile(filepath.Join(dir, "search.html"))
	mustContain(t, "the exported search page", string(search), `<script src="search-index.js" defer></script>`, `data-static="1"`)
}
