package bookweb

import (
	"net/http"

	"workspace/velocy/ws"
)

// room is the hub's room of a learner's open pages.
func room(learner string) string { return "learner/" + learner }

// upgrader accepts same-origin pages only (ws's default): another site's page in the learner's
// browser must not read their verdicts.
var upgrader = ws.Upgrader{}

// live answers GET /live: a websocket that receives each new verdict of the learner, as the JSON
// POST /check answers. The page sends nothing; reading is how the server learns it left.
func (e *edition) live(w http.ResponseWriter, r *http.Request) {
	// TODO(15.09): upgrade, add the connection to e.svc.Hub, join room(learner(r)), and read
	// until the read fails.
	http.Error(w, "GET /live is not written yet (step 15.09-live)", http.StatusNotImplemented)
}
