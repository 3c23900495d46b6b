package admin

import (
	"net/http"
	"net/http/pprof"
)

// Pprof returns a handler that serves Go's profiler under /debug/pprof/,
// with net/http/pprof's handlers on a ServeMux of its own (never
// http.DefaultServeMux):
//
//	/debug/pprof/                 the index: every profile, with links
//	/debug/pprof/cmdline          the command line
//	/debug/pprof/profile          a CPU profile (?seconds=30 by default)
//	/debug/pprof/symbol           program counters to function names
//	/debug/pprof/trace            an execution trace (?seconds=1 by default)
//	/debug/pprof/goroutine, heap, allocs, block, mutex, threadcreate
//	                              the named profiles (?debug=1 for text)
//
// Mount it at /debug/pprof/ exactly, with the paths unchanged (no
// StripPrefix): the index finds a profile by the path after that prefix.
// Put it behind [Guard], or on an admin listener, or both; never on the
// public router. A CPU profile or a trace keeps the request open for its
// seconds, and fails when they exceed the server's WriteTimeout (60 s for
// a server from velocy.NewServer).
//
// The block and mutex profiles stay empty until the program sets
// runtime.SetBlockProfileRate and runtime.SetMutexProfileFraction.
func Pprof() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
