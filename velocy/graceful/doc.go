// Package graceful runs a service's shutdown as a sequence of named stages
// under one deadline. The usual order, which chapter 12 explains step by
// step:
//
//  1. stop accepting: close the listeners; new connections are refused;
//  2. fail readiness: the load balancer stops sending traffic here;
//  3. drain: wait for the requests in flight to finish, until the
//     deadline, then close what is left;
//  4. close the websockets, each with close code 1001 (going away);
//  5. flush the logs;
//  6. close the database.
//
// In code, with a *health.Health, a *ws.Hub, a *logtar.Logger and a
// *db.DB:
//
//	stop, drain := graceful.StopAccepting(srv)
//	seq := &graceful.Sequence{
//		Timeout: 20 * time.Second, // under the orchestrator's grace period (30 s in Kubernetes)
//		Logger:  logger,
//		Stages: []graceful.Stage{
//			stop,
//			graceful.FailReadiness(probes),
//			drain,
//			{Name: "websockets", Run: hub.Shutdown},    // 1001 to every client
//			{Name: "logs", Run: logFile.CloseContext},  // logtar: write what is queued
//			graceful.Closer("database", db.Close),
//		},
//	}
//	<-ctx.Done() // from velocy.SignalContext: SIGINT or SIGTERM
//	err := seq.Run(context.Background())
//
// # Why this order, and a common variation
//
// Stopping the listeners first means a client that connects after the
// signal is refused at once and retries elsewhere, rather than waiting for
// a server that is leaving. The readiness endpoint must then be served by
// another listener (an admin one) to be seen failing: the probes see 503,
// not a refused connection, and nothing is sent here any more. Behind a
// load balancer that takes seconds to notice a failing probe, many
// deployments reverse the first two stages and wait between them
// ([Delay]): fail readiness, wait for the balancer, then stop accepting.
// The Sequence runs whatever order it is given.
//
// # What draining does not cover
//
// [http.Server.Shutdown], which the drain stage waits for, tracks the
// connections it serves. A hijacked connection, a websocket above all, is
// not its any more: Shutdown neither waits for it nor closes it. That is
// why the websockets have a stage of their own (ws.Hub.Shutdown sends
// close code 1001, going away, and waits for the writers). Shutdown does
// not cancel the contexts of the requests in flight either; a server run
// by velocy.Run has its request contexts cancelled when its context ends,
// so long polls and streams end early.
//
// Chapter 12 of learn-go-hard-way builds this package.
package graceful
