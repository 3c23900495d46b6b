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
	who := learner(r)
	conn, err := upgrader.Upgrade(w, r)
	if err != nil {
		return // Upgrade has answered the request with its error
	}
	c, err := e.svc.Hub.Add(conn)
	if err != nil {
		conn.CloseNow() // the hub is shutting down
		return
	}
	defer c.Close()
	if err := c.Join(room(who)); err != nil {
		return
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
