package middleware

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// errorHandlerLog sends slog.Default's records, as JSON lines, to the
// returned buffer until the test ends. errorHandlerRecords keeps those with
// a status, which WriteError's records have.
func errorHandlerLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

func errorHandlerRecords(t *testing.T, buf *bytes.Buffer) []map[string]any {
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if _, ok := rec["status"]; ok { // WriteError's, not another test's
			out = append(out, rec)
		}
	}
	return out
}

type errorHandlerCoded struct {
	code int
	msg  string
}

func (e errorHandlerCoded) Error() string   { return e.msg }
func (e errorHandlerCoded) StatusCode() int { return e.code }

// errorHandlerServe serves one GET with a HandlerFunc that returns err,
// and decodes the problem of the response.
func errorHandlerServe(t *testing.T, err error) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	w := httptest.NewRecorder()
	HandlerFunc(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, httptest.NewRequest("GET", "/things/1", nil))
	var p map[string]any
	if w.Header().Get("Content-Type") == "application/problem+json" {
		json.Unmarshal(w.Body.Bytes(), &p)
	}
	return w, p
}

func TestErrorHandlerStatusOf(t *testing.T) {
	code := 400 + rand.IntN(200)
	for _, tt := range []struct {
		err  error
		want int
	}{
		{nil, 200},
		{errors.New("disk full"), 500},
		{errorHandlerCoded{code, "x"}, code},
		{fmt.Errorf("load: %w", errorHandlerCoded{code, "x"}), code},
		{errorHandlerCoded{200 + rand.IntN(200), "not an error status"}, 500},
		{fmt.Errorf("wrapped: %w", &BodyError{Status: code}), code},
		{&Problem{Status: code}, code},
		{fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 1}), 413},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), 503},
		{fmt.Errorf("query: %w", context.Canceled), StatusClientClosedRequest},
		{errors.Join(context.Canceled, errorHandlerCoded{code, "x"}), code},
	} {
		if got := StatusOf(tt.err); got != tt.want {
			t.Errorf("StatusOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestErrorHandlerHidesInternalErrors(t *testing.T) {
	logs := errorHandlerLog(t)
	secret := fmt.Sprintf("dial tcp 10.0.%d.%d:5432: connection refused", rand.IntN(255), rand.IntN(255))
	w, p := errorHandlerServe(t, fmt.Errorf("load thing: %w", errors.New(secret)))
	if w.Code != 500 || strings.Contains(w.Body.String(), "10.0.") || p["title"] != "Internal Server Error" || p["detail"] != nil {
		t.Errorf("a plain error: %d %s; want a 500 problem with the status text and no detail: the error's text is not for the client", w.Code, w.Body)
	}
	recs := errorHandlerRecords(t, logs)
	if len(recs) != 1 || recs[0]["level"] != "ERROR" || recs[0]["err"] != "load thing: "+secret || recs[0]["status"] != 500.0 || recs[0]["path"] != "/things/1" {
		t.Errorf("log records %v, want one ERROR record with err, status and path", recs)
	}
}

func TestErrorHandlerClientErrors(t *testing.T) {
	logs := errorHandlerLog(t)
	code := 400 + rand.IntN(100)
	msg := fmt.Sprintf("no thing %d", rand.IntN(1000))
	w, p := errorHandlerServe(t, fmt.Errorf("things.Get(%q): %w", "internal-key", errorHandlerCoded{code, msg}))
	if w.Code != code || p["status"] != float64(code) || p["detail"] != msg || p["title"] != statusText(code) {
		t.Errorf("a %d error wrapped in program text: %d %s; want %d with the detail %q, the coded error's own text", code, w.Code, w.Body, code, msg)
	}
	if recs := errorHandlerRecords(t, logs); len(recs) != 1 || recs[0]["level"] != "DEBUG" {
		t.Errorf("a client error logged %v, want one DEBUG record", recs)
	}
	n := rand.IntN(1000)
	w, p = errorHandlerServe(t, fmt.Errorf("pay: %w", &Problem{Type: "https://example.com/credit", Status: 403, Detail: "low", Extensions: map[string]any{"balance": n}}))
	if w.Code != 403 || p["type"] != "https://example.com/credit" || p["balance"] != float64(n) || p["detail"] != "low" {
		t.Errorf("a wrapped *Problem: %d %s, want it written as it is", w.Code, w.Body)
	}
	limit := rand.Int64N(1000)
	for _, tt := range []struct {
		err    error
		status int
		detail string
	}{
		{fmt.Errorf("read: %w", &http.MaxBytesError{Limit: limit}), 413, fmt.Sprintf("request body larger than %d bytes", limit)},
		{context.DeadlineExceeded, 503, "the request took too long"},
		{context.Canceled, 499, "the request was canceled"},
	} {
		w, p := errorHandlerServe(t, tt.err)
		if w.Code != tt.status || p["detail"] != tt.detail {
			t.Errorf("HandlerFunc returning %v: %d %s, want %d with detail %q", tt.err, w.Code, w.Body, tt.status, tt.detail)
		}
	}
}

func TestErrorHandlerAfterTheHeader(t *testing.T) {
	logs := errorHandlerLog(t)
	sent := 200 + rand.IntN(8)
	w := httptest.NewRecorder()
	HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(sent)
		io.WriteString(w, "[1,2,")
		return errors.New("encoding failed")
	}).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != sent || w.Body.String() != "[1,2," {
		t.Errorf("an error after WriteHeader(%d): the response became %d %q, want it left alone: a second status cannot be sent", sent, w.Code, w.Body)
	}
	recs := errorHandlerRecords(t, logs)
	if len(recs) != 1 || recs[0]["level"] != "ERROR" || recs[0]["sent"] != float64(sent) {
		t.Errorf("log records %v, want one ERROR record with sent=%d", recs, sent)
	}
	w = httptest.NewRecorder()
	body := fmt.Sprint("fine ", rand.IntN(100))
	HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		_, err := io.WriteString(w, body)
		return err
	}).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != 200 || w.Body.String() != body {
		t.Errorf("a handler that returns nil: %d %q, want 200 %q", w.Code, w.Body, body)
	}
}

func TestErrorHandlerMaxBodyBytesAnswersAProblem(t *testing.T) {
	n := rand.Int64N(100)
	w := httptest.NewRecorder()
	MaxBodyBytes(n)(http.NotFoundHandler()).ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader(strings.Repeat("x", int(n)+1))))
	var p map[string]any
	json.Unmarshal(w.Body.Bytes(), &p)
	if want := fmt.Sprintf("request body larger than %d bytes", n); w.Code != 413 || w.Header().Get("Content-Type") != "application/problem+json" || p["detail"] != want {
		t.Errorf("MaxBodyBytes(%d) refusing by Content-Length: %d %q %s; want a 413 problem with detail %q: use WriteError(w, r, tooLarge(n, nil))", n, w.Code, w.Header().Get("Content-Type"), w.Body, want)
	}
}
