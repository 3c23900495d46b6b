package bookweb

import (
	"net/http"

	"workspace/logtar"
	"workspace/velocy/graceful"
)

// stages returns the shutdown of an edition served by srv with svc, logging to lt, in order:
// stop accepting (new connections are refused), fail readiness (/readyz answers 503), drain (the
// requests in flight finish: a running check is recorded and pushed), close the websockets with
// 1001, close the database, and last flush the log, so that it records the stages before it.
func stages(srv *http.Server, svc Services, lt *logtar.Logger) []graceful.Stage {
	stop, drain := graceful.StopAccepting(srv)
	closeDB := func() error { return nil }
	if svc.Progress != nil {
		closeDB = svc.Progress.Close
	}
	return []graceful.Stage{
		stop,
		graceful.FailReadiness(svc.Health),
		drain,
		{Name: "websockets", Run: svc.Hub.Shutdown},
		graceful.Closer("database", closeDB),
		{Name: "logs", Run: lt.CloseContext},
	}
}
