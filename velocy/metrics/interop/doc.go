// Package interop checks velocy/metrics against the Prometheus ecosystem:
// its text output parses with expfmt (github.com/prometheus/common) and
// carries the same families, types, label sets and values as what
// client_golang writes for the same observations; promtool check metrics
// accepts it; and its benchmarks run side by side with client_golang's.
// It is a nested module so that velocy stays standard library only.
package interop
