package middleware

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"testing/synctest"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// accessLogMux is a ServeMux with a few routes for AccessLog's tests.
func accessLogMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "item "+r.PathValue("id"))
	})
	mux.HandleFunc("GET /silent", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("GET /fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	return mux
}

func TestAccessLogRecord(t *testing.T) {
	var logs obsLog
	h := Chain(RequestID(RequestIDOptions{}), ClientIP(ClientIPOptions{}), AccessLog(logs.logger()))(accessLogMux())
	req := httptest.NewRequest("GET", "/items/42", nil)
	req.RemoteAddr = "198.51.100.7:5555"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	rec := logs.only(t)
	want := map[string]any{
		"level": "INFO", "msg": "request", "method": "GET", "route": "GET /items/{id}",
		"path": "/items/42", "status": 200.0, "bytes": 7.0,
		"request_id": w.Header().Get("X-Request-Id"), "client_ip": "198.51.100.7",
	}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("%s = %#v, want %#v", k, rec[k], v)
		}
	}
	if _, ok := rec["duration"].(float64); !ok {
		t.Errorf("duration %#v, want a number", rec["duration"])
	}
	if _, ok := rec["aborted"]; ok {
		t.Errorf("aborted set on a request that finished: %v", rec)
	}
}

func TestAccessLogLevelsAndStatus(t *testing.T) {
	tests := []struct {
		target, route, level string
		status               float64
	}{
		{"/silent", "GET /silent", "INFO", 200},
		{"/nowhere", "", "WARN", 404},
		{"/fail", "GET /fail", "ERROR", 503},
	}
	for _, tt := range tests {
		var logs obsLog
		AccessLog(logs.logger())(accessLogMux()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", tt.target, nil))
		rec := logs.only(t)
		if rec["status"] != tt.status || rec["level"] != tt.level || rec["route"] != tt.route || rec["path"] != tt.target {
			t.Errorf("GET %s: status=%v level=%v route=%q path=%v, want %v %s %q %s",
				tt.target, rec["status"], rec["level"], rec["route"], rec["path"], tt.status, tt.level, tt.route, tt.target)
		}
	}
}

// TestAccessLogSeesRecoversAnswer: with Recover inside AccessLog, the
// record says 500.
func TestAccessLogSeesRecoversAnswer(t *testing.T) {
	var logs obsLog
	h := Chain(AccessLog(logs.logger()), Recover(slog.New(slog.DiscardHandler)))(accessLogMux())
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/panic", nil))
	rec := logs.only(t)
	if rec["status"] != 500.0 || rec["level"] != "ERROR" || rec["route"] != "GET /panic" || rec["bytes"] != 22.0 {
		t.Errorf("record %v, want status 500, level ERROR, route GET /panic, 22 bytes", rec)
	}
}

// TestAccessLogPanicGoesThrough: without Recover, the request is logged
// as aborted and the panic continues to net/http.
func TestAccessLogPanicGoesThrough(t *testing.T) {
	var logs obsLog
	h := AccessLog(logs.logger())(accessLogMux())
	v := recoverPanicOf(func() { h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/panic", nil)) })
	if v != "boom" {
		t.Errorf("AccessLog let through the panic %v, want boom", v)
	}
	rec := logs.only(t)
	if rec["aborted"] != true || rec["status"] != 0.0 || rec["level"] != "ERROR" {
		t.Errorf("record %v, want aborted=true, status 0, level ERROR", rec)
	}
}

// TestAccessLogOrderPitfall: a middleware between AccessLog and the mux
// that replaces the request hides the route, unless it copies Pattern back.
func TestAccessLogOrderPitfall(t *testing.T) {
	type key struct{}
	replaces := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), key{}, 1)))
		})
	}
	tests := []struct {
		name  string
		inner func(http.Handler) http.Handler
		route string
	}{
		{"a middleware that replaces the request", replaces, ""},
		{"RequestID, which copies the pattern back", RequestID(RequestIDOptions{}), "GET /items/{id}"},
		{"ClientIP, which copies the pattern back", ClientIP(ClientIPOptions{}), "GET /items/{id}"},
	}
	for _, tt := range tests {
		var logs obsLog
		Chain(AccessLog(logs.logger()), tt.inner)(accessLogMux()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/1", nil))
		if rec := logs.only(t); rec["route"] != tt.route {
			t.Errorf("%s inside AccessLog: route %q, want %q", tt.name, rec["route"], tt.route)
		}
	}
	// RequestID inside AccessLog: the id is in a request AccessLog never sees.
	var logs obsLog
	Chain(AccessLog(logs.logger()), RequestID(RequestIDOptions{}))(accessLogMux()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/1", nil))
	if rec := logs.only(t); rec["request_id"] != "" {
		t.Errorf("RequestID inside AccessLog: request_id %v, want \"\"", rec["request_id"])
	}
}

func TestAccessLogClientIPWithoutClientIP(t *testing.T) {
	var logs obsLog
	req := httptest.NewRequest("GET", "/silent", nil)
	req.RemoteAddr = "[2001:db8::5]:1234"
	AccessLog(logs.logger())(accessLogMux()).ServeHTTP(httptest.NewRecorder(), req)
	if rec := logs.only(t); rec["client_ip"] != "2001:db8::5" || rec["request_id"] != "" {
		t.Errorf("client_ip %v, request_id %v; want the connection's address, and \"\"", rec["client_ip"], rec["request_id"])
	}
	logs = obsLog{}
	req.RemoteAddr = "@"
	AccessLog(logs.logger())(accessLogMux()).ServeHTTP(httptest.NewRecorder(), req)
	if rec := logs.only(t); rec["client_ip"] != "" {
		t.Errorf("client_ip %v for an unparsable RemoteAddr, want \"\"", rec["client_ip"])
	}
}

func TestAccessLogDuration(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs obsLog
		h := AccessLog(logs.logger())(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			time.Sleep(1500 * time.Millisecond)
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		if rec := logs.only(t); rec["duration"] != float64(1500*time.Millisecond) {
			t.Errorf("duration %v, want 1.5s in nanoseconds", rec["duration"])
		}
	})
}

func TestAccessLogDisabledLevel(t *testing.T) {
	var logs obsLog
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h := AccessLog(logger)(accessLogMux())
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/silent", nil))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/nowhere", nil))
	if recs := logs.records(t); len(recs) != 1 || recs[0]["status"] != 404.0 {
		t.Errorf("with level Warn, logged %v, want only the 404", recs)
	}
}

func TestAccessLogNilLoggerUsesDefault(t *testing.T) {
	var logs obsLog
	old := slog.Default()
	slog.SetDefault(logs.logger())
	defer slog.SetDefault(old)
	AccessLog(nil)(accessLogMux()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/silent", nil))
	if rec := logs.only(t); rec["route"] != "GET /silent" {
		t.Errorf("slog.Default() got %v", rec)
	}
}

// TestAccessLogWithContextHandler: records written through ContextHandler
// carry the id once.
func TestAccessLogWithContextHandler(t *testing.T) {
	var logs obsLog
	logger := slog.New(ContextHandler(logs.handler()))
	h := Chain(RequestID(RequestIDOptions{}), AccessLog(logger))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logger.InfoContext(r.Context(), "inside")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	id := w.Header().Get("X-Request-Id")
	recs := logs.records(t)
	if len(recs) != 2 || recs[0]["request_id"] != id || recs[1]["request_id"] != id {
		t.Errorf("records %v, want two with request_id %q", recs, id)
	}
}

// TestAccessLogVelocy runs the recommended stack in front of a velocy
// Router on a real server.
func TestAccessLogVelocy(t *testing.T) {
	var logs obsLog
	logger := logs.logger()
	r := velocy.New()
	r.Use(
		RequestID(RequestIDOptions{}),
		ClientIP(ClientIPOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}),
		AccessLog(logger),
		Recover(logger),
	)
	r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) {
		io.WriteString(w, "user "+req.PathValue("id"))
	})
	r.Get("/panic", func(http.ResponseWriter, *http.Request) { panic("velocy boom") })
	srv := httptest.NewServer(r)
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second
	for _, path := range []string{"/users/7", "/panic"} {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("X-Forwarded-For", "198.51.100.7")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	recs := logs.records(t)
	if len(recs) != 3 {
		t.Fatalf("logged %d records, want 3 (access, panic, access):\n%s", len(recs), logs.text())
	}
	if r := recs[0]; r["route"] != "/users/{id}" || r["status"] != 200.0 || r["client_ip"] != "198.51.100.7" || r["bytes"] != 6.0 {
		t.Errorf("first record %v, want route /users/{id}, 200, 6 bytes, client 198.51.100.7", r)
	}
	if p, a := recs[1], recs[2]; p["msg"] != "panic" || a["status"] != 500.0 || p["request_id"] != a["request_id"] || a["route"] != "/panic" {
		t.Errorf("panic record %v and access record %v: want the panic, then a 500, with one request id", p, a)
	}
}

func BenchmarkAccessLog(b *testing.B) {
	logger := slog.New(nopHandler{})
	h := Chain(RequestID(RequestIDOptions{}), ClientIP(ClientIPOptions{}), AccessLog(logger), Recover(logger))(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	req := httptest.NewRequest("GET", "/", nil)
	w := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		clear(w.Header())
		h.ServeHTTP(w, req)
	}
}

func TestAddrText(t *testing.T) {
	tests := []struct {
		ip, remote, want string
	}{
		{"192.0.2.1", "192.0.2.1:51234", "192.0.2.1"},
		{"192.0.2.1", "192.0.2.1", "192.0.2.1"},
		{"2001:db8::1", "[2001:db8::1]:443", "2001:db8::1"},
		{"2001:db8::1", "[2001:0db8::1]:443", "2001:db8::1"}, // not canonical: ip.String
		{"192.0.2.1", "[::ffff:192.0.2.1]:80", "192.0.2.1"},  // unmapped
		{"198.51.100.7", "192.0.2.1:51234", "198.51.100.7"},  // from ClientIP
		{"", "192.0.2.1:51234", ""},
	}
	for _, tt := range tests {
		var ip netip.Addr
		if tt.ip != "" {
			ip = netip.MustParseAddr(tt.ip)
		}
		if got := addrText(ip, tt.remote); got != tt.want {
			t.Errorf("addrText(%s, %q) = %q, want %q", tt.ip, tt.remote, got, tt.want)
		}
	}
	ip := netip.MustParseAddr("192.0.2.1")
	if n := testing.AllocsPerRun(100, func() { addrText(ip, "192.0.2.1:51234") }); n != 0 {
		t.Errorf("addrText of a server's RemoteAddr allocates %v times, want 0", n)
	}
}
