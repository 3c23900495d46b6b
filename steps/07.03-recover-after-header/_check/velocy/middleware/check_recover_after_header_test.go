package middleware

import (
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRecoverAfterHeaderPanicsAbort(t *testing.T) {
	codes := []int{http.StatusOK, http.StatusCreated, http.StatusAccepted, http.StatusNotFound}
	code := codes[rand.IntN(len(codes))]
	var logs recoverCheckLog
	msg := fmt.Sprintf("late %d", rand.IntN(1e9))
	h := Recover(logs.logger())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, "id,name\n")
		panic(msg)
	}))
	w, escaped := recoverCheckServe(h, httptest.NewRequest("GET", "/export", nil))
	if escaped != http.ErrAbortHandler {
		t.Errorf("panic after WriteHeader(%d): Recover let %v escape, want panic(http.ErrAbortHandler), so that net/http cuts the connection", code, escaped)
	}
	if body := w.Body.String(); body != "id,name\n" {
		t.Errorf("body %q, want only what the handler wrote: %q; a second answer after the header only corrupts the first", body, "id,name\n")
	}
	recs := logs.records(t)
	if len(recs) != 1 {
		t.Fatalf("Recover logged %d records, want 1", len(recs))
	}
	if recs[0]["panic"] != msg || recs[0]["header_sent"] != true {
		t.Errorf("logged panic=%v header_sent=%v, want panic=%q and header_sent=true", recs[0]["panic"], recs[0]["header_sent"], msg)
	}
}

// TestRecoverCutsTheConnection runs a real server: a body cut by a panic
// must reach the client as an error, not end cleanly.
func TestRecoverCutsTheConnection(t *testing.T) {
	var logs, serverLog recoverCheckLog
	first := fmt.Sprintf("row %d\n", rand.IntN(1e6))
	srv := httptest.NewUnstartedServer(Recover(logs.logger())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, first)
		http.NewResponseController(w).Flush()
		panic("lost the database")
	})))
	srv.Config.ErrorLog = log.New(&serverLog, "", 0)
	srv.Start()
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("client read %d %q and error %v, want io.ErrUnexpectedEOF: a response cut by a panic must not end like a complete one", resp.StatusCode, body, err)
	}
	if s := serverLog.text(); strings.Contains(s, "panic") {
		t.Errorf("net/http logged %q: panic with http.ErrAbortHandler, which it does not log", s)
	}
}
