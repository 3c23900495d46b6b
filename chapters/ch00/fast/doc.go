// Package fast is the code of chapter 0: small tools for measuring Go
// honestly. Spawn starts goroutines and waits for them all; DefaultProcs
// works out the GOMAXPROCS a container gets; Percentile and Median sum up
// repeated measurements the way benchstat does; ServeFresh benchmarks a
// handler on a new request every iteration; Load drives a function from a
// fixed number of workers until a context ends, and reports what happened.
package fast
