package main

import (
	"io"

	"learnbench/reflogtar"
)

func init() {
	addLogger("logtar (reference)", "reference", func(w io.Writer) (logger, error) { return reflogtar.New(w) })
}
