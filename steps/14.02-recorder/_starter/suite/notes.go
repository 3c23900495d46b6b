package suite

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// MaxNote is the longest note text, in bytes, that POST /notes accepts.
const MaxNote = 1 << 10

// Notes is an in-memory note store served over HTTP.
type Notes struct {
	mu   sync.Mutex
	next int
	byID map[int]string
}

// NewNotes returns an empty store.
func NewNotes() *Notes {
	return &Notes{byID: map[int]string{}}
}

// Handler serves the store:
//
//	POST /notes        body: the note's text (not blank, at most MaxNote bytes)
//	                   201, Location: /notes/{id}, {"id":N,"text":"..."}; 400 if blank; 413 if too long
//	GET  /notes/{id}   200 {"id":N,"text":"..."}; 404 if no such note; 400 if id is not a number
//
// Every JSON answer has Content-Type application/json.
func (n *Notes) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /notes", n.create)
	mux.HandleFunc("GET /notes/{id}", n.get)
	return mux
}

func (n *Notes) create(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxNote+1))
	if err != nil {
		http.Error(w, "cannot read the body", http.StatusBadRequest)
		return
	}
	if len(body) > MaxNote {
		http.Error(w, "note too long", http.StatusRequestEntityTooLarge)
		return
	}
	text := string(body)
	if strings.TrimSpace(text) == "" {
		http.Error(w, "empty note", http.StatusBadRequest)
		return
	}
	n.mu.Lock()
	n.next++
	id := n.next
	n.byID[id] = text
	n.mu.Unlock()
	w.Header().Set("Location", "/notes/"+strconv.Itoa(id))
	writeNote(w, http.StatusCreated, id, text)
}

func (n *Notes) get(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		http.Error(w, "id must be a number", http.StatusBadRequest)
		return
	}
	n.mu.Lock()
	text, ok := n.byID[id]
	n.mu.Unlock()
	if !ok {
		http.Error(w, "no such note", http.StatusNotFound)
		return
	}
	writeNote(w, http.StatusOK, id, text)
}

func writeNote(w http.ResponseWriter, status, id int, text string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"id": id, "text": text})
}
