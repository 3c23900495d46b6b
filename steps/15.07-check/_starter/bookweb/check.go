package bookweb

import (
	"net/http"
)

// check answers POST /check/{step}: it runs the step's check, keeps the verdict in the learner's
// progress and answers it as JSON. A step the book does not have is 404, before anything runs.
func (e *edition) check(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "POST /check/{step} is not written yet (step 15.07-check)", http.StatusNotImplemented)
}

// progress answers GET /progress: the learner's latest verdict of every step they checked.
func (e *edition) progress(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "GET /progress is not written yet (step 15.07-check)", http.StatusNotImplemented)
}
