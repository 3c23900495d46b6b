package bookweb

import (
	"encoding/json"
	"net/http"

	"workspace/velocy/ws"
)

// check answers POST /check/{step}: it runs the step's check, one at a time however many
// learners press, keeps the verdict in the learner's progress, pushes it to their open pages and
// answers it as JSON. A step the book does not have is 404, before anything runs.
func (e *edition) check(w http.ResponseWriter, r *http.Request) {
	step := r.PathValue("step")
	if !e.book.hasStep(step) {
		http.NotFound(w, r)
		return
	}
	if e.svc.Check == nil {
		http.Error(w, "checks are off: this edition was started without a check command", http.StatusServiceUnavailable)
		return
	}
	who := learner(r)
	select {
	case e.turn <- struct{}{}: // wait for our turn
		defer func() { <-e.turn }()
	case <-r.Context().Done():
		return // the learner left while waiting
	}
	v, err := e.svc.Check(r.Context(), step)
	if err != nil {
		e.logger.Error("bookweb: check", "step", step, "err", err)
		http.Error(w, "the check could not run: "+err.Error(), http.StatusBadGateway)
		return
	}
	if e.svc.Progress != nil {
		if err := e.svc.Progress.Record(who, v); err != nil {
			e.logger.Error("bookweb: progress", "step", step, "err", err)
			http.Error(w, "the verdict could not be kept", http.StatusInternalServerError)
			return
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "the verdict could not be written", http.StatusInternalServerError)
		return
	}
	e.svc.Hub.Broadcast(room(who), ws.TextMessage, data)
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// progress answers GET /progress: the learner's latest verdict of every step they checked.
func (e *edition) progress(w http.ResponseWriter, r *http.Request) {
	who := learner(r)
	got := map[string]Verdict{}
	if e.svc.Progress != nil {
		var err error
		if got, err = e.svc.Progress.Of(who); err != nil {
			e.logger.Error("bookweb: progress", "err", err)
			http.Error(w, "the progress could not be read", http.StatusInternalServerError)
			return
		}
	}
	writeJSON(w, got)
}
