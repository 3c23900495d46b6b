package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// TestTraceIDInAccessLog: the access log record of a request that came
// with a traceparent carries its trace id and a span of its own, and so
// does every record a handler logs for it, with the request id.
func TestTraceIDInAccessLog(t *testing.T) {
	ta := newTestApp(t, Options{})
	w := do(ta.Handler(), "POST", "/notes", `{"text":"traced"}`,
		"Content-Type", "application/json", "traceparent", callerTraceparent)
	if w.Code != http.StatusCreated {
		t.Fatalf("POST /notes: %d %s", w.Code, w.Body)
	}
	requestID := w.Header().Get("X-Request-Id")
	recs := records(t, ta.logs.String())

	access := find(recs, "msg", "request", "route", "/notes", "method", "POST")
	if len(access) != 1 {
		t.Fatalf("%d access records for POST /notes, want 1:\n%s", len(access), ta.logs)
	}
	rec := access[0]
	if rec["trace_id"] != callerTraceID {
		t.Errorf("trace_id %v, want the caller's %s", rec["trace_id"], callerTraceID)
	}
	span, _ := rec["span_id"].(string)
	if len(span) != 16 || span == callerSpanID {
		t.Errorf("span_id %q: want a new span of 16 hex digits, not the caller's", span)
	}
	if rec["request_id"] != requestID || requestID == "" {
		t.Errorf("request_id %v, want the response's X-Request-Id %q", rec["request_id"], requestID)
	}
	if rec["status"] != float64(http.StatusCreated) {
		t.Errorf("status %v, want 201", rec["status"])
	}

	// The handler's own record, through trace.LoggerFrom: the same ids.
	created := find(recs, "msg", "note created")
	if len(created) != 1 {
		t.Fatalf("%d 'note created' records, want 1:\n%s", len(created), ta.logs)
	}
	for _, k := range []string{"trace_id", "span_id", "request_id"} {
		if created[0][k] != rec[k] {
			t.Errorf("'note created' has %s %v, the access record %v", k, created[0][k], rec[k])
		}
	}
}

// TestNewTraceWithoutTraceparent: a request without a valid traceparent
// starts a trace of its own, which its access record names.
func TestNewTraceWithoutTraceparent(t *testing.T) {
	ta := newTestApp(t, Options{})
	do(ta.Handler(), "GET", "/notes", "")
	do(ta.Handler(), "GET", "/notes", "", "traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
	access := find(records(t, ta.logs.String()), "msg", "request", "route", "/notes")
	if len(access) != 2 {
		t.Fatalf("%d access records, want 2:\n%s", len(access), ta.logs)
	}
	seen := map[any]bool{}
	for _, rec := range access {
		id, _ := rec["trace_id"].(string)
		if len(id) != 32 || id == strings.Repeat("0", 32) || seen[id] {
			t.Errorf("trace_id %q: want a new trace id of 32 hex digits", id)
		}
		seen[id] = true
	}
}

// TestMetricsByRouteTemplate: /metrics counts requests under the route
// template, never the raw path, with the status class.
func TestMetricsByRouteTemplate(t *testing.T) {
	ta := newTestApp(t, Options{})
	w := do(ta.Handler(), "POST", "/notes", `{"text":"one"}`, "Content-Type", "application/json")
	var n Note
	if err := json.Unmarshal(w.Body.Bytes(), &n); err != nil || n.ID == "" {
		t.Fatalf("POST /notes: %d %s", w.Code, w.Body)
	}
	for range 2 {
		if w := do(ta.Handler(), "GET", "/notes/"+n.ID, ""); w.Code != http.StatusOK {
			t.Fatalf("GET /notes/%s: %d", n.ID, w.Code)
		}
	}
	do(ta.Handler(), "GET", "/notes/ffffffffffffffff", "")
	do(ta.Handler(), "GET", "/nowhere", "")

	w = do(ta.AdminHandler(), "GET", "/metrics", "")
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", ct)
	}
	page := w.Body.String()
	for _, c := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"http_requests_total", map[string]string{"method": "GET", "route": "/notes/{id}", "code": "2xx"}, 2},
		{"http_requests_total", map[string]string{"method": "GET", "route": "/notes/{id}", "code": "4xx"}, 1},
		{"http_requests_total", map[string]string{"method": "POST", "route": "/notes", "code": "2xx"}, 1},
		{"http_requests_total", map[string]string{"method": "GET", "route": "unmatched", "code": "4xx"}, 1},
		{"http_request_duration_seconds_count", map[string]string{"method": "GET", "route": "/notes/{id}"}, 3},
		{"http_requests_in_flight", nil, 0},
		{"app_notes_created_total", nil, 1},
	} {
		got, ok := sample(page, c.name, c.labels)
		if !ok || got != c.want {
			t.Errorf("%s%v = %v (found %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
	if strings.Contains(page, n.ID) || strings.Contains(page, "/nowhere") {
		t.Errorf("a raw path is a label value:\n%s", page)
	}
	for _, family := range []string{"go_goroutines", "go_sched_pauses_total_gc_seconds_bucket", "app_websocket_clients"} {
		if _, ok := sample(page, family, nil); !ok {
			t.Errorf("no %s on /metrics", family)
		}
	}
}

// sample returns the value of the first sample of name on the page whose
// labels include labels.
func sample(page, name string, labels map[string]string) (float64, bool) {
next:
	for line := range strings.Lines(page) {
		line = strings.TrimSpace(line)
		rest, ok := strings.CutPrefix(line, name)
		if !ok || line == "" || line[0] == '#' {
			continue
		}
		var set string
		if strings.HasPrefix(rest, "{") {
			end := strings.LastIndex(rest, "}")
			if end < 0 {
				continue
			}
			set, rest = rest[1:end], rest[end+1:]
		}
		if !strings.HasPrefix(rest, " ") {
			continue // a longer name
		}
		for k, v := range labels {
			if !strings.Contains(","+set+",", ","+k+"="+strconv.Quote(v)+",") {
				continue next
			}
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		return f, err == nil
	}
	return 0, false
}

// TestReadiness: /readyz answers 200 while the database answers, 503 once
// its check fails, and 503 "draining" once the shutdown has begun;
// /livez answers 200 throughout.
func TestReadiness(t *testing.T) {
	ta := newTestApp(t, Options{})
	probe := func(path string) (int, map[string]any) {
		t.Helper()
		w := do(ta.AdminHandler(), "GET", path, "")
		var body map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: %d %q: %v", path, w.Code, w.Body, err)
		}
		return w.Code, body
	}
	if code, body := probe("/readyz"); code != http.StatusOK || body["status"] != "ok" {
		t.Errorf("healthy: /readyz %d %v, want 200 ok", code, body)
	}

	ta.db.Close() // the database check now fails
	code, body := probe("/readyz")
	checks, _ := body["checks"].(map[string]any)
	dbCheck, _ := checks["database"].(map[string]any)
	if code != http.StatusServiceUnavailable || body["status"] != "fail" || dbCheck["status"] != "fail" {
		t.Errorf("database closed: /readyz %d %v, want 503 with the database check failed", code, body)
	}
	if code, _ := probe("/livez"); code != http.StatusOK {
		t.Errorf("database closed: /livez %d, want 200 (a restart would not help)", code)
	}
	if w := do(ta.Handler(), "GET", "/notes", ""); w.Code != http.StatusServiceUnavailable {
		t.Errorf("database closed: GET /notes %d, want 503", w.Code)
	}

	fresh := newTestApp(t, Options{})
	fresh.Health().SetDraining() // what the shutdown's FailReadiness does
	w := do(fresh.AdminHandler(), "GET", "/readyz", "")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), `"draining"`) {
		t.Errorf("draining: /readyz %d %s, want 503 draining", w.Code, w.Body)
	}
}

// TestPprofOnlyOnAdmin: the profiler is not on the public handler at all,
// and on the admin handler only for loopback clients, with the token
// when there is one.
func TestPprofOnlyOnAdmin(t *testing.T) {
	ta := newTestApp(t, Options{})
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/cmdline", "/debug/pprof/heap"} {
		if w := do(ta.Handler(), "GET", path, ""); w.Code != http.StatusNotFound {
			t.Errorf("public %s: %d, want 404", path, w.Code)
		}
	}
	get := func(h http.Handler, remote string, header ...string) int {
		req := httptest.NewRequest("GET", "/debug/pprof/cmdline", nil)
		req.RemoteAddr = remote
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	if code := get(ta.AdminHandler(), "127.0.0.1:40000"); code != http.StatusOK {
		t.Errorf("admin, loopback: %d, want 200", code)
	}
	if code := get(ta.AdminHandler(), "192.0.2.7:40000"); code != http.StatusNotFound {
		t.Errorf("admin, another host: %d, want 404", code)
	}

	withToken := newTestApp(t, Options{AdminToken: "s3cret-s3cret"})
	if code := get(withToken.AdminHandler(), "127.0.0.1:40000"); code != http.StatusNotFound {
		t.Errorf("admin with a token, loopback without it: %d, want 404", code)
	}
	if code := get(withToken.AdminHandler(), "[::1]:40000", "Authorization", "Bearer s3cret-s3cret"); code != http.StatusOK {
		t.Errorf("admin with a token, loopback with it: %d, want 200", code)
	}
	if code := get(withToken.AdminHandler(), "192.0.2.7:40000", "Authorization", "Bearer s3cret-s3cret"); code != http.StatusNotFound {
		t.Errorf("admin with a token, another host with it: %d, want 404", code)
	}
}

// TestNotes: the API's answers, errors included.
func TestNotes(t *testing.T) {
	ta := newTestApp(t, Options{})
	h := ta.Handler()
	var ids []string
	for _, text := range []string{"first", "second", "third"} {
		w := do(h, "POST", "/notes", `{"text":"`+text+`"}`, "Content-Type", "application/json")
		var n Note
		if w.Code != http.StatusCreated || json.Unmarshal(w.Body.Bytes(), &n) != nil || n.Text != text {
			t.Fatalf("POST %s: %d %s", text, w.Code, w.Body)
		}
		if loc := w.Header().Get("Location"); loc != "/notes/"+n.ID {
			t.Errorf("Location %q", loc)
		}
		ids = append(ids, n.ID)
	}
	w := do(h, "GET", "/notes?limit=2", "")
	var list []Note
	if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || len(list) != 2 {
		t.Fatalf("GET /notes?limit=2: %d %s", w.Code, w.Body)
	}
	if list[0].ID != ids[0] || list[1].ID != ids[1] {
		t.Errorf("list %v, want the oldest first: %v", list, ids[:2])
	}
	for _, c := range []struct {
		method, target, body string
		want                 int
	}{
		{"GET", "/notes/" + ids[2], "", http.StatusOK},
		{"GET", "/notes/nope", "", http.StatusNotFound},
		{"GET", "/notes?limit=0", "", http.StatusBadRequest},
		{"GET", "/notes?limit=x", "", http.StatusBadRequest},
		{"POST", "/notes", `{"text":"  "}`, http.StatusUnprocessableEntity},
		{"POST", "/notes", `{"text":"` + strings.Repeat("é", maxNoteRunes+1) + `"}`, http.StatusUnprocessableEntity},
		{"POST", "/notes", `{"txt":"typo"}`, http.StatusBadRequest},
		{"POST", "/notes", `{"text":`, http.StatusBadRequest},
		{"DELETE", "/notes/" + ids[0], "", http.StatusMethodNotAllowed},
	} {
		w := do(h, c.method, c.target, c.body, "Content-Type", "application/json")
		if w.Code != c.want {
			t.Errorf("%s %s %.20q: %d %s, want %d", c.method, c.target, c.body, w.Code, w.Body, c.want)
		}
	}
}

// TestRoomEcho: a websocket alone in a room gets its messages back, and a
// second member gets them too.
func TestRoomEcho(t *testing.T) {
	ta := newTestApp(t, Options{})
	srv := httptest.NewServer(ta.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), hang)
		defer cancel()
		ta.CloseSockets(ctx) // the sockets first: httptest waits for its connections
		srv.Close()
	})
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/rooms/lobby"
	a := dialRoom(t, url)
	a.say("hello")
	a.expect("hello")
	b := dialRoom(t, url)
	// b's join is certain once b hears its own message: the hub keeps
	// the order of one room's broadcasts.
	b.say("b here")
	b.expect("b here")
	a.expect("b here")
	a.say("both")
	a.expect("both")
	b.expect("both")
	page := do(ta.AdminHandler(), "GET", "/metrics", "").Body.String()
	if n, ok := sample(page, "app_websocket_clients", nil); !ok || n != 2 {
		t.Errorf("app_websocket_clients = %v (found %v), want 2", n, ok)
	}
	if n, ok := sample(page, "http_requests_in_flight", nil); !ok || n != 2 {
		t.Errorf("http_requests_in_flight = %v (found %v), want 2: a websocket is a request until it ends", n, ok)
	}

	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	if _, _, err := ws.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/rooms/Bad!", nil); err == nil {
		t.Error("a bad room name was accepted")
	}
}
