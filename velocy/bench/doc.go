// Package bench compares velocy with httprouter, chi, gin and the standard
// library's ServeMux, side by side in one benchmark run, and velocy/middleware
// with chi's middleware, gorilla/handlers, rs/cors and gzhttp, in cost and in
// behaviour. It is a separate module so that the main module keeps no
// third-party dependencies.
//
// See README.md for how to run the benchmarks and the load test.
package bench
