// Package admin guards the operator's endpoints (profiles, and anything
// else that must not be public) and serves Go's profiler on them.
//
// The safest set-up serves them on a listener of their own, bound to
// loopback or a private network, never on the public router:
//
//	mux := http.NewServeMux()
//	mux.Handle("/debug/pprof/", admin.Pprof())
//	mux.Handle("/readyz", probes.Ready()) // a *health.Health
//	guard := admin.Guard(admin.GuardOptions{Token: os.Getenv("ADMIN_TOKEN"), AllowLoopback: true})
//	go http.Serve(adminListener, guard(mux))
//
// # net/http/pprof registers itself on http.DefaultServeMux
//
// Importing net/http/pprof, which this package does, registers its
// handlers on [http.DefaultServeMux] as a side effect of the import. Any
// server of the program that serves the default mux (http.ListenAndServe
// with a nil handler, http.Handle and http.HandleFunc) then serves
// /debug/pprof/ to anyone who asks: the command line, the heap, thirty
// seconds of CPU profile on demand. velocy's Router is its own handler and
// does not serve the default mux, and [Pprof] serves the profiler on a
// ServeMux of its own; do not serve http.DefaultServeMux in a program that
// imports this package.
//
// Chapter 12 of learn-go-hard-way builds this package.
package admin
