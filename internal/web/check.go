package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

// learner guards a workbook for the server. One check runs at a time (busy holds a token while
// it does); pages read a snapshot of the progress, refreshed from the file when no check is
// using the workbook, so a page never waits for a check.
type learner struct {
	wb   *workbook.Workbook
	busy chan struct{} // a token: whoever holds it may use wb

	mu       sync.Mutex // guards the snapshot
	statuses map[string]progress.Status
	current  string
	done     int // required steps passed (chapter 0 is optional and not counted)
	total    int // required steps
}

func newLearner(wb *workbook.Workbook) *learner {
	l := &learner{wb: wb, busy: make(chan struct{}, 1)}
	l.snapshot()
	return l
}

// snapshot copies what pages show out of the workbook; the caller holds the busy token, or
// nobody else can have it yet.
func (l *learner) snapshot() {
	st := map[string]progress.Status{}
	for _, s := range l.wb.Book.Steps {
		st[s.ID] = l.wb.Status(s)
	}
	cur := ""
	if c := l.wb.Current(); c != nil {
		cur = c.ID
	}
	done, total := l.wb.Required()
	l.mu.Lock()
	l.statuses, l.current, l.done, l.total = st, cur, done, total
	l.mu.Unlock()
}

// progress returns the learner's progress for a page, picking up what other processes (learn
// check in a terminal) saved, unless a check is running. A nil learner has none.
func (l *learner) progress() *Progress {
	if l == nil {
		return nil
	}
	select {
	case l.busy <- struct{}{}:
		if _, err := l.wb.Refresh(); err == nil {
			l.snapshot()
		}
		<-l.busy
	default: // a check is running: show what we knew
	}
	return l.progressHeld()
}

// Verdict is the check endpoint's JSON answer.
type Verdict struct {
	Step     string `json:"step"`
	Status   string `json:"status"` // "passed", "failed", "build failed", "timed out", ...
	Passed   bool   `json:"passed"`
	Headline string `json:"headline"`
	Details  string `json:"details,omitempty"`
	Warning  string `json:"warning,omitempty"` // progress could not be saved
}

// maxDetails caps the failure details sent to the page.
const maxDetails = 16 << 10

// check runs one step's check in the learner's workspace, as learn check does, and answers the
// verdict: JSON for the page's script, a small page for a browser without it. A second check
// while one runs is refused with 429.
func (s *Site) check(w http.ResponseWriter, r *http.Request, l *learner, logger *slog.Logger) {
	st, err := s.opts.Book.Find(r.PathValue("step"))
	if err != nil || st.ID != r.PathValue("step") {
		http.NotFound(w, r)
		return
	}
	select {
	case l.busy <- struct{}{}:
	default:
		w.Header().Set("Retry-After", "2")
		http.Error(w, "another check is running; try again when it is done", http.StatusTooManyRequests)
		return
	}
	defer func() { <-l.busy }()
	// A check builds and runs tests: give it the step's time limit and the build's time on top
	// of the server's write timeout.
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Now().Add(st.Timeout + 3*time.Minute))
	_ = rc.SetReadDeadline(time.Time{})

	res, err := l.wb.Check(r.Context(), st) // starts the step first, as learn check does
	l.snapshot()
	if res == nil {
		logger.ErrorContext(r.Context(), "check", "step", st.ID, "err", err)
		http.Error(w, "the check could not run: "+strings.TrimPrefix(fmt.Sprint(err), "workbook: "), http.StatusInternalServerError)
		return
	}
	v := Verdict{Step: st.ID, Status: res.Status.String(), Passed: res.Status == checker.Passed, Headline: res.Headline()}
	if !v.Passed {
		v.Details = res.Details()
		if len(v.Details) > maxDetails {
			v.Details = v.Details[:maxDetails] + "\n…"
		}
	}
	var se *workbook.SaveError
	if errors.As(err, &se) {
		v.Warning = se.Error() + " (the verdict stands; progress was not recorded)"
	}
	logger.InfoContext(r.Context(), "check", "step", st.ID, "status", v.Status)
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(v)
		return
	}
	back := "../index.html"
	if p, ok := s.stepPage[st.ID]; ok {
		back = "../" + p.url + "#step-" + st.ID
	}
	body := fmt.Sprintf("<h1>%s</h1>\n<p class=\"verdict %s\">%s</p>\n", template.HTMLEscapeString(st.ID+": "+st.Title),
		map[bool]string{true: "pass", false: "fail"}[v.Passed], template.HTMLEscapeString(v.Headline))
	if v.Details != "" {
		body += "<pre>" + template.HTMLEscapeString(v.Details) + "</pre>\n"
	}
	body += fmt.Sprintf("<p><a href=\"%s\">Back to the lesson</a></p>\n", template.HTMLEscapeString(back))
	var b strings.Builder
	if err := s.write(&b, nil, view{Root: "../", Title: "Check " + st.ID, Body: template.HTML(body), Serve: true}, l.progressHeld()); err != nil {
		http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(b.String()))
}

// progressHeld returns the snapshot without refreshing it.
func (l *learner) progressHeld() *Progress {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.statuses
	return &Progress{Status: func(id string) progress.Status { return st[id] }, Current: l.current, Done: l.done, Total: l.total}
}
