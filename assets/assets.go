// Package assets embeds the book's images: the charts of chapter 0 (SVG,
// with a text fallback for the terminal beside each, NAME.txt), drawn by
// internal/chart from measurements on a named machine. Lessons link them as
// ../../assets/ch00/NAME.svg; the web edition serves FS under /assets/.
//
// Measure and draw the charts again, on a quiet machine, with
//
//	go generate ./assets
//
// which also pastes each NAME.txt into the text block below its image in
// the lessons (a test in this package insists they agree); the numbers the
// lessons' prose quotes must then be read again. charts.json keeps the
// measurements, so that a change to the drawing code needs none:
// go run ./internal/chart/cmd/ch0charts -redraw.
package assets

import (
	"embed"
	"io/fs"
)

//go:generate go run ../internal/chart/cmd/ch0charts -out ch00 -lessons ../chapters/ch00

//go:embed ch00
var files embed.FS

// FS returns the embedded assets, with paths like "ch00/spawn-cost.svg".
func FS() fs.FS { return files }
