package bookweb

import (
	"crypto/rand"
	"encoding/base32"
	"net/http"
)

// learnerKey is the session key under which a learner's id is kept.
const learnerKey = "learner"

// learner returns the id of the learner who sent r: the one their session holds, or, on their
// first visit, a new one that it stores there. A request that did not go through the Sessions
// middleware has no learner: "".
func learner(r *http.Request) string {
	// TODO(15.06): middleware.SessionFrom(r.Context()); nil means "". Get(learnerKey) if it is
	// there; else newLearnerID(), Set it, and return it.
	return ""
}

// newLearnerID returns a new random learner id: 16 bytes from crypto/rand as 26 characters of
// lower-case base32, which progressID accepts (no "/").
func newLearnerID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return lowerBase32.EncodeToString(b)
}

var lowerBase32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)
