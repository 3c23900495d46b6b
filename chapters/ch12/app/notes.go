package main

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/trace"
)

// Note is what the API stores and answers with.
type Note struct {
	ID      string    `json:"id"`
	Text    string    `json:"text"`
	Created time.Time `json:"created"`
}

// newNote is the body of POST /notes.
type newNote struct {
	Text string `json:"text"`
}

// maxList is the most notes GET /notes answers with.
const maxList = 100

// handle adapts a handler that returns its error: middleware.HandlerFunc
// answers the error as problem details (RFC 9457).
func handle(fn func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return middleware.HandlerFunc(fn).ServeHTTP
}

// createNote answers POST /notes {"text": "..."} with 201 and the note,
// once it is on disk.
func (a *App) createNote(w http.ResponseWriter, r *http.Request) error {
	var in newNote
	err := middleware.DecodeJSON(w, r, &in, middleware.JSONOptions{MaxBytes: maxBody, DisallowUnknownFields: true})
	if err != nil {
		return err
	}
	text := strings.TrimSpace(in.Text)
	if text == "" || utf8.RuneCountInString(text) > maxNoteRunes {
		return &middleware.Problem{Status: http.StatusUnprocessableEntity, Title: "Invalid note",
			Detail: fmt.Sprintf("text must have 1 to %d characters", maxNoteRunes)}
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	n := Note{ID: a.newID(now), Text: text, Created: now}
	doc, err := json.Marshal(n)
	if err != nil {
		return err
	}
	if err := a.db.Put(n.ID, doc); err != nil {
		return storeError(err)
	}
	a.created.Inc()
	trace.LoggerFrom(r.Context()).Info("note created", "id", n.ID)
	w.Header().Set("Location", "/notes/"+n.ID)
	return writeJSON(w, http.StatusCreated, n)
}

// getNote answers GET /notes/{id}.
func (a *App) getNote(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if !validID(id) {
		return notFound(id)
	}
	doc, err := a.db.Get(id)
	if errors.Is(err, db.ErrNotFound) {
		return notFound(id)
	}
	if err != nil {
		return storeError(err)
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write(append(doc, '\n'))
	return err
}

// listNotes answers GET /notes with the oldest notes first, at most
// ?limit= of them (1 to 100, default 100).
func (a *App) listNotes(w http.ResponseWriter, r *http.Request) error {
	limit := maxList
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxList {
			return &middleware.Problem{Status: http.StatusBadRequest, Title: "Invalid limit",
				Detail: fmt.Sprintf("limit is a whole number from 1 to %d", maxList)}
		}
		limit = n
	}
	notes := make([]Note, 0, min(limit, a.db.Len()))
	var bad error
	err := a.db.Range("", func(id string, doc []byte) bool {
		if !validID(id) {
			return true // not a note
		}
		var n Note
		if err := json.Unmarshal(doc, &n); err != nil {
			bad = fmt.Errorf("note %s: stored document: %w", id, err)
			return false
		}
		notes = append(notes, n)
		return len(notes) < limit
	})
	if err != nil {
		return storeError(err)
	}
	if bad != nil {
		return bad
	}
	return writeJSON(w, http.StatusOK, notes)
}

// newID returns a note id: 16 hex digits of a time in microseconds that
// only goes up in this process, so that ids are unique and sort as the
// notes were created (velocy/db ranges in id order). Two notes created
// in the same microsecond get consecutive stamps.
func (a *App) newID(now time.Time) string {
	us := uint64(now.UnixMicro())
	for {
		last := a.lastID.Load()
		next := max(us, last+1)
		if a.lastID.CompareAndSwap(last, next) {
			var b [8]byte
			binary.BigEndian.PutUint64(b[:], next)
			return hex.EncodeToString(b[:])
		}
	}
}

// validID reports whether id has the shape newID gives.
func validID(id string) bool {
	if len(id) != 16 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// notFound is the 404 problem of a note that does not exist.
func notFound(id string) error {
	return &middleware.Problem{Status: http.StatusNotFound, Title: "No such note",
		Detail: fmt.Sprintf("there is no note %q", id)}
}

// storeError turns the database's errors into answers: 503 while it is
// closed (the service is stopping), 500 for the rest, whose text stays in
// the log.
func storeError(err error) error {
	if errors.Is(err, db.ErrClosed) {
		return &middleware.Problem{Status: http.StatusServiceUnavailable, Title: "Shutting down"}
	}
	return err
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err // before the header: WriteError can still answer 500
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err = w.Write(append(body, '\n'))
	return err
}
