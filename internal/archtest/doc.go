// Package archtest enforces the repository's dependency rules (ARCHITECTURE.md) with go list: the
// two libraries and the chapters' code use the standard library only, the workbook engine stays
// small, and only the TUI touches the terminal libraries. It has tests and nothing else.
package archtest
