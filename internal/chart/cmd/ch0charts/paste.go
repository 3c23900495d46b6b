package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// imageThenText is a chart's image in a lesson followed, after a blank
// line, by its text fallback in a text block.
var imageThenText = regexp.MustCompile("(?s)(!\\[[^\\]]*\\]\\(\\.\\./\\.\\./assets/ch00/([a-z0-9-]+)\\.svg\\)\n\n```text\n)(.*?)(```)")

// paste writes each chart's text fallback from assets into the text block
// below its image in every lesson of the lessons folder, and reports how
// many blocks it changed.
func paste(assets, lessons string) (int, error) {
	files, err := filepath.Glob(filepath.Join(lessons, "*.md"))
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return changed, err
		}
		var failed error
		out := imageThenText.ReplaceAllStringFunc(string(data), func(m string) string {
			sub := imageThenText.FindStringSubmatch(m)
			txt, err := os.ReadFile(filepath.Join(assets, sub[2]+".txt"))
			if err != nil {
				failed = err
				return m
			}
			if sub[3] != string(txt) {
				changed++
			}
			return sub[1] + string(txt) + sub[4]
		})
		if failed != nil {
			return changed, fmt.Errorf("%s: %w", f, failed)
		}
		if out != string(data) {
			if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
				return changed, err
			}
		}
	}
	return changed, nil
}
