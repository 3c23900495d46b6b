// Package health serves the two probes an orchestrator asks a service:
//
//   - liveness ([Health.Live]): can the process answer at all? A failing
//     liveness probe gets the process restarted, so it checks nothing but
//     that a handler runs: a database outage must not restart every
//     replica at once;
//   - readiness ([Health.Ready]): should traffic be sent here now? It
//     fails while a dependency check fails (the database, Redis: see
//     [Health.AddCheck]) and from the moment a graceful shutdown begins
//     ([Health.SetDraining]), so that the load balancer stops sending
//     requests before the server stops taking them.
//
// A typical set-up serves both on the admin listener:
//
//	h := health.New()
//	h.AddCheck("database", time.Second, func(ctx context.Context) error { return db.Ping(ctx) })
//	admin := http.NewServeMux()
//	admin.Handle("/livez", h.Live())
//	admin.Handle("/readyz", h.Ready())
//
// Chapter 12 of learn-go-hard-way builds this package.
package health
