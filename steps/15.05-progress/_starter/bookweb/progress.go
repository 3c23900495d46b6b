package bookweb

import (
	"errors"
	"fmt"
	"strings"

	"workspace/velocy/db"
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
	// TODO(15.05): progressID, json.Marshal(v), p.db.Put.
	return errors.New("bookweb: Record is not written yet")
}

// Of returns learner's latest verdict for every step they have checked, by step id: the
// documents whose ids start with learner + "/", read in one Range that stops at the first id
// past them.
func (p *Progress) Of(learner string) (map[string]Verdict, error) {
	// TODO(15.05): p.db.Range(learner+"/", ...), decoding each document; stop when the id no
	// longer starts with learner + "/".
	return nil, errors.New("bookweb: Of is not written yet")
}
