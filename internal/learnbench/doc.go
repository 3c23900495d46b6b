// Package learnbench is learn bench: it measures the learner's router (workspace/velocy) and
// logger (workspace/logtar) against the reference libraries, the standard library (http.ServeMux,
// log/slog's JSON handler) and, when the Go module proxy answers, httprouter, chi, zerolog and
// zap, and shows the numbers as a table with bars.
//
// The learner's code is in a module of its own and the reference may not be on disk (after go
// install), so nothing is imported here: Prepare writes a throwaway module whose go.mod replaces
// "workspace" with the learner's folder and "reference" with a copy of the libraries rebuilt from
// the embedded steps (the fold of every solution of a package is the library). The benchmark
// program it writes (the _prog folder, embedded) checks each contender before timing it, serves
// a fresh *http.Request on every call, and prints one JSON line per result, which Run parses and
// Render draws.
//
// The third-party libraries live in a nested module of that module, resolved with a short
// timeout: offline, they are left out with a note, never an error.
package learnbench
