package middleware

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAccessLogWritesOneRecord(t *testing.T) {
	var logs recoverCheckLog
	base := fmt.Sprintf("/things%d", rand.IntN(1000))
	body := strings.Repeat("x", 1+rand.IntN(500))
	codes := []int{http.StatusOK, http.StatusCreated, http.StatusAccepted}
	code := codes[rand.IntN(len(codes))]
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+base+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	})
	h := AccessLog(logs.logger())(mux)
	path := fmt.Sprintf("%s/%d", base, rand.IntN(1e6))
	req := httptest.NewRequest("GET", path, nil)
	req.RemoteAddr = "198.51.100.7:4444"
	if _, escaped := recoverCheckServe(h, req); escaped != nil {
		t.Fatalf("panic: %v", escaped)
	}
	recs := logs.records(t)
	if len(recs) != 1 {
		t.Fatalf("AccessLog logged %d records for one request, want 1", len(recs))
	}
	rec := recs[0]
	want := map[string]any{
		"level": "INFO", "msg": "request", "method": "GET", "route": "GET " + base + "/{id}",
		"path": path, "status": float64(code), "bytes": float64(len(body)),
		"request_id": "", "client_ip": "198.51.100.7",
	}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("record %s = %#v, want %#v", k, rec[k], v)
		}
	}
	if _, ok := rec["duration"].(float64); !ok {
		t.Errorf("record duration = %#v, want a slog.Duration", rec["duration"])
	}
	if rec["route"] == "" {
		t.Error("route is empty: read r.Pattern after next returns, when the mux has set it")
	}
}

func TestAccessLogLevelByStatus(t *testing.T) {
	tests := []struct {
		status       int
		write        bool
		level        string
		loggedStatus float64
	}{
		{0, false, "INFO", 200},
		{http.StatusNoContent, true, "INFO", 204},
		{http.StatusFound, true, "INFO", 302},
		{400 + rand.IntN(30), true, "WARN", 0},
		{500 + rand.IntN(12), true, "ERROR", 0},
	}
	for _, tt := range tests {
		if tt.loggedStatus == 0 {
			tt.loggedStatus = float64(tt.status)
		}
		var logs recoverCheckLog
		h := AccessLog(logs.logger())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tt.write {
				w.WriteHeader(tt.status)
			}
		}))
		if _, escaped := recoverCheckServe(h, httptest.NewRequest("GET", "/", nil)); escaped != nil {
			t.Fatalf("panic: %v", escaped)
		}
		recs := logs.records(t)
		did := "writes nothing"
		if tt.write {
			did = fmt.Sprintf("calls WriteHeader(%d)", tt.status)
		}
		if len(recs) != 1 {
			t.Errorf("a handler that %s: AccessLog logged %d records, want 1", did, len(recs))
			continue
		}
		if recs[0]["level"] != tt.level || recs[0]["status"] != tt.loggedStatus || recs[0]["route"] != "" {
			t.Errorf("a handler that %s: logged level %v, status %v, route %q; want %s, %v and \"\" (no route matched)", did, recs[0]["level"], recs[0]["status"], recs[0]["route"], tt.level, tt.loggedStatus)
		}
	}
}

func TestAccessLogSeesIDClientAndRecover(t *testing.T) {
	var logs recoverCheckLog
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	h := Chain(RequestID(RequestIDOptions{}), ClientIP(ClientIPOptions{}), AccessLog(logs.logger()), Recover(slog.New(slog.DiscardHandler)))(mux)
	req := httptest.NewRequest("GET", "/boom", nil)
	ip := fmt.Sprintf("2001:db8::%x", 1+rand.IntN(0xfffe))
	req.RemoteAddr = "[" + ip + "]:1234"
	w, escaped := recoverCheckServe(h, req)
	if escaped != nil {
		t.Fatalf("panic: %v", escaped)
	}
	recs := logs.records(t)
	if len(recs) != 1 {
		t.Fatalf("logged %d records, want 1", len(recs))
	}
	rec := recs[0]
	if rec["status"] != 500.0 || rec["level"] != "ERROR" || rec["route"] != "GET /boom" {
		t.Errorf("Recover inside AccessLog answered 500: logged status %v, level %v, route %v; want 500, ERROR, GET /boom", rec["status"], rec["level"], rec["route"])
	}
	if id := w.Header().Get("X-Request-Id"); rec["request_id"] != id || rec["client_ip"] != ip {
		t.Errorf("logged request_id %v and client_ip %v, want %q (RequestIDFrom) and %s (ClientIPFrom)", rec["request_id"], rec["client_ip"], id, ip)
	}
}

func TestAccessLogLogsAPanicGoingThrough(t *testing.T) {
	var logs recoverCheckLog
	msg := fmt.Sprintf("unrecovered %d", rand.IntN(1e6))
	h := AccessLog(logs.logger())(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(msg) }))
	_, escaped := recoverCheckServe(h, httptest.NewRequest("GET", "/", nil))
	if escaped != msg {
		t.Errorf("AccessLog let %v escape, want the handler's panic %q: log, and let it go on", escaped, msg)
	}
	recs := logs.records(t)
	if len(recs) != 1 || recs[0]["aborted"] != true || recs[0]["level"] != "ERROR" {
		t.Errorf("a panic went through AccessLog: logged %v, want one record at level ERROR with aborted=true (log from a deferred function)", recs)
	}
}
