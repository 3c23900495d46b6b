package bookweb

import (
	"log/slog"
	"slices"

	"workspace/velocy/health"
	"workspace/velocy/metrics"
	"workspace/velocy/ws"
)

// edition is the state New's handlers share.
type edition struct {
	book    *Book
	opts    Options
	logger  *slog.Logger
	turn    chan struct{} // a token per check that may run at once (step 15.08)
	hub     *ws.Hub
	metrics *metrics.Registry
	health  *health.Health
	checks  *metrics.CounterVec // checks run, by status
	took    *metrics.Histogram  // how long a check took
}

// newEdition fills in what opts left zero.
func newEdition(b *Book, opts Options) *edition {
	e := &edition{book: b, opts: opts, logger: opts.Logger, turn: make(chan struct{}, 1),
		hub: opts.Hub, metrics: opts.Metrics, health: opts.Health}
	if e.logger == nil {
		e.logger = slog.Default()
	}
	if e.hub == nil {
		e.hub = ws.NewHub(ws.HubOptions{})
	}
	if e.metrics == nil {
		e.metrics = metrics.NewRegistry()
	}
	if e.health == nil {
		e.health = health.New()
	}
	return e
}

// hasStep reports whether id is one of the book's steps.
func (b *Book) hasStep(id string) bool {
	return slices.ContainsFunc(b.Index.Steps, func(s Step) bool { return s.ID == id })
}
