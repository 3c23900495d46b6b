// Package testkit holds the small tools chapter 14's tests are built with: a line diff and
// golden files, a scrubber for what varies between runs, an oracle for fuzzing a query parser,
// fresh requests and medians for benchmarks, and the opt-in switch for tests that need a real
// server. Each returns values or errors instead of taking a *testing.T, so each is tested like
// any other code, and a test wraps it in one line.
package testkit
