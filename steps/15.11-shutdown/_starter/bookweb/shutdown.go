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
	// TODO(15.11): graceful.StopAccepting(srv) gives the stop and drain stages; then
	// FailReadiness(svc.Health), svc.Hub.Shutdown, a Closer for svc.Progress, lt.CloseContext.
	return nil
}
