package bookweb

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
)

// Verdict is a check's verdict as learn check --json prints it: the fields the edition uses.
type Verdict struct {
	Step     string `json:"step"`
	Status   string `json:"status"` // "passed", "failed", "build_failed", "panicked", "timed_out", "error"
	Passed   bool   `json:"passed"`
	Headline string `json:"headline"`
	Details  string `json:"details,omitempty"`
}

// Progress keeps every learner's latest verdict per step in a velocy/db database: one document
// per learner and step, under the id learner + "/" + step, holding the Verdict as JSON. Each
// Record is durable when it returns.
type Progress struct {
	db *db.DB
}

// OpenProgress opens (or creates) the progress database in dir.
func OpenProgress(dir string) (*Progress, error) {
	d, err := db.Open(dir, db.Options{})
	if err != nil {
		return nil, fmt.Errorf("bookweb: progress: %w", err)
	}
	return &Progress{db: d}, nil
}

// Close closes the database.
func (p *Progress) Close() error { return p.db.Close() }

// progressID checks a learner id and a step id and returns the document's id. Neither may be
// empty or hold a "/", or one learner's documents could be read as another's.
func progressID(learner, step string) (string, error) {
	for _, s := range []string{learner, step} {
		if s == "" || len(s) > 100 || strings.Contains(s, "/") {
			return "", fmt.Errorf("bookweb: progress: bad id %q (empty, too long, or holding a /)", s)
		}
	}
	return learner + "/" + step, nil
}

// Record stores v as learner's latest verdict for v.Step.
func (p *Progress) Record(learner string, v Verdict) error {
	id, err := progressID(learner, v.Step)
	if err != nil {
		return err
	}
	doc, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("bookweb: progress: %w", err)
	}
	if err := p.db.Put(id, doc); err != nil {
		return fmt.Errorf("bookweb: progress: %w", err)
	}
	return nil
}

// Of returns learner's latest verdict for every step they have checked, by step id: the
// documents whose ids start with learner + "/", read in one Range that stops at the first id
// past them.
func (p *Progress) Of(learner string) (map[string]Verdict, error) {
	if _, err := progressID(learner, "x"); err != nil {
		return nil, err
	}
	prefix := learner + "/"
	out := map[string]Verdict{}
	var bad error
	err := p.db.Range(prefix, func(id string, doc []byte) bool {
		step, ok := strings.CutPrefix(id, prefix)
		if !ok {
			return false // past this learner's documents
		}
		var v Verdict
		if err := json.Unmarshal(doc, &v); err != nil {
			bad = fmt.Errorf("bookweb: progress: document %q: %w", id, err)
			return false
		}
		out[step] = v
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("bookweb: progress: %w", err)
	}
	if bad != nil {
		return nil, bad
	}
	return out, nil
}
