package bookweb

import (
	"net/http"
)

// check answers POST /check/{step}: it runs the step's check, keeps the verdict in the learner's
// progress and answers it as JSON. A step the book does not have is 404, before anything runs.
func (e *edition) check(w http.ResponseWriter, r *http.Request) {
	// TODO(15.07): 404 unless e.book.hasStep(step); 503 when e.svc.Check is nil; run it
	// (502 with the error when it fails); Record the verdict in e.svc.Progress when set;
	// then answer the verdict as JSON.
	http.Error(w, "POST /check/{step} is not written yet (step 15.07-check)", http.StatusNotImplemented)
}

// progress answers GET /progress: the learner's latest verdict of every step they checked.
func (e *edition) progress(w http.ResponseWriter, r *http.Request) {
	// TODO(15.07): the learner's verdicts from e.svc.Progress.Of, or {} without a Progress.
	http.Error(w, "GET /progress is not written yet (step 15.07-check)", http.StatusNotImplemented)
}
