package web

import (
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// BenchmarkNew measures building the whole book's site: what learn serve does before it listens.
func BenchmarkNew(b *testing.B) {
	book, err := steps.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := New(Options{Book: book, Lessons: chapters.FS()}); err != nil {
			b.Fatal(err)
		}
	}
}
