package bookweb

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"workspace/velocy"
	"workspace/velocy/health"
	"workspace/velocy/metrics"
	"workspace/velocy/middleware"
	"workspace/velocy/ratelimit"
	"workspace/velocy/ws"
)

// Services are what the edition runs beside its pages. Every field may be left zero.
type Services struct {
	// Progress keeps each learner's verdicts (step 15.07); nil means they are answered, not kept.
	Progress *Progress
	// Check runs a step's check (step 15.07); nil means POST /check answers 503.
	Check Checker
	// CheckLimit is each learner's budget of checks (step 15.08); zero means DefaultCheckLimit.
	CheckLimit ratelimit.Policy
	// Hub carries verdicts to the learner's open pages (step 15.09); nil means one of the
	// edition's own.
	Hub *ws.Hub
	// Metrics receives the edition's numbers (step 15.10); nil means a registry of its own.
	Metrics *metrics.Registry
	// Health answers /livez and /readyz (step 15.10); nil means one of its own.
	Health *health.Health
}

// edition is the state the handlers share.
type edition struct {
	book   *Book
	svc    Services
	logger *slog.Logger
	turn   chan struct{}       // a token per check that may run at once (step 15.08)
	checks *metrics.CounterVec // checks run, by status (step 15.10)
	took   *metrics.Histogram  // how long a check took (step 15.10)
}

// newEdition fills in what opts and svc left zero.
func newEdition(b *Book, opts Options, svc Services) *edition {
	e := &edition{book: b, svc: svc, logger: opts.Logger, turn: make(chan struct{}, 1)}
	if e.logger == nil {
		e.logger = slog.Default()
	}
	if e.svc.Hub == nil {
		e.svc.Hub = ws.NewHub(ws.HubOptions{})
	}
	if e.svc.Metrics == nil {
		e.svc.Metrics = metrics.NewRegistry()
	}
	if e.svc.Health == nil {
		e.svc.Health = health.New()
	}
	e.checks = e.svc.Metrics.CounterVec("bookweb_checks_total", "Checks run from the edition, by the verdict's status.", "status")
	e.took = e.svc.Metrics.Histogram("bookweb_check_duration_seconds", "Time a check took, from start to verdict.", checkBuckets)
	return e
}

// Edition returns the web edition of b, on velocy, with svc: GET / and GET of every page's url
// show the page inside the layout; paths under assets/ and static/ serve the directory's files;
// GET /me answers the learner's id, from their session; POST /check/{step} runs a step's check
// and answers its verdict; GET /progress answers the learner's verdicts; GET /live is a
// websocket that pushes each new verdict of the learner; GET /metrics, /livez and /readyz are
// for the operator.
// Anything else is 404, and velocy answers other methods with 405.
func Edition(b *Book, opts Options, svc Services) http.Handler {
	e := newEdition(b, opts, svc)
	r := velocy.New()
	r.Use(metrics.Middleware(e.svc.Metrics)) // outermost: it times everything, the 404s included
	r.Use(stack(e.logger)...)
	r.Use(middleware.Sessions(middleware.SessionOptions{
		Store:    middleware.NewMemoryStore(10000),
		Insecure: true, // the edition is served over plain HTTP on this machine
		Logger:   e.logger,
	}))
	r.Get("/metrics", e.svc.Metrics.ServeHTTP)
	r.Get("/livez", e.svc.Health.Live().ServeHTTP)
	r.Get("/readyz", e.svc.Health.Ready().ServeHTTP)
	r.Get("/me", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, map[string]string{"learner": learner(req)})
	})
	r.With(e.limit()).Post("/check/{step}", e.check)
	r.Get("/progress", e.progress)
	r.Get("/live", e.live)
	files := http.FileServerFS(b.fsys)
	r.Get("/{path...}", func(w http.ResponseWriter, req *http.Request) {
		p := req.PathValue("path")
		if p == "" {
			p = b.Index.Home
		}
		if page, body, ok := b.Page(p); ok {
			learner(req) // a browser's first page gives it its learner id, which its /live and /check share
			var buf bytes.Buffer
			if err := render(&buf, b, page, body); err != nil {
				http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(buf.Bytes())
			return
		}
		if (strings.HasPrefix(p, "assets/") || strings.HasPrefix(p, "static/")) && !strings.HasSuffix(p, "/") {
			files.ServeHTTP(w, req) // the request's path is the file's path in the directory
			return
		}
		http.NotFound(w, req)
	})
	return r
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// hasStep reports whether id is one of the book's steps.
func (b *Book) hasStep(id string) bool {
	return slices.ContainsFunc(b.Index.Steps, func(s Step) bool { return s.ID == id })
}
