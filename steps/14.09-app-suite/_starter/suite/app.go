package suite

import (
	"errors"
	"io"
	"net/http"
)

// MaxValue is the longest value, in bytes, that PUT /kv/{key} accepts.
const MaxValue = 256

// NewApp serves a Store over HTTP, behind RequireKey for writes:
//
//	GET /kv/{key}   200 with the value as text/plain; 404 if there is none
//	PUT /kv/{key}   needs "Authorization: Bearer <key>"; body: the value (at most MaxValue
//	                bytes, no tabs or newlines); 204; 400 for a value Put refuses; 413 if too long
//
// Every answer counts one hit for its route pattern in hits.
func NewApp(store *Store, key string, hits *Hits) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /kv/{key}", func(w http.ResponseWriter, r *http.Request) {
		v, ok := store.Get(r.PathValue("key"))
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, v)
	})
	mux.Handle("PUT /kv/{key}", RequireKey(key)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxValue))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			http.Error(w, "value too long", http.StatusRequestEntityTooLarge)
			return
		case err != nil:
			http.Error(w, "cannot read the body", http.StatusBadRequest)
			return
		}
		if err := store.Put(r.PathValue("key"), string(body)); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		hits.Add(r.Pattern) // the mux set it while routing; "" when nothing matched
	})
}
