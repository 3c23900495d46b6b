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
	"reflect"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// errorsLog makes slog.Default write JSON records into the returned buffer
// at every level, until the test ends. Tests that use it must not be
// parallel.
func errorsLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

// errorsRecords decodes the JSON records in buf.
func errorsRecords(t *testing.T, buf *bytes.Buffer) []map[string]any {
	var out []map[string]any
	dec := json.NewDecoder(buf)
	for {
		var rec map[string]any
		if err := dec.Decode(&rec); err == io.EOF {
			return out
		} else if err != nil {
			t.Fatal(err)
		}
		if _, ok := rec["status"]; ok { // WriteError's, not another test's
			out = append(out, rec)
		}
	}
}

type errorsCoded struct {
	code int
	msg  string
}

func (e errorsCoded) Error() string   { return e.msg }
func (e errorsCoded) StatusCode() int { return e.code }

func TestStatusOf(t *testing.T) {
	code := 400 + rand.IntN(200)
	be := &BodyError{Status: 415, Detail: "x"}
	tests := []struct {
		err  error
		want int
	}{
		{nil, 200},
		{errors.New("db down"), 500},
		{errorsCoded{code, "c"}, code},
		{fmt.Errorf("handler: %w", errorsCoded{code, "c"}), code},
		{errorsCoded{302, "a redirect is no error"}, 500},
		{errorsCoded{0, "zero"}, 500},
		{be, 415},
		{fmt.Errorf("wrapped: %w", be), 415},
		{&Problem{Status: 404}, 404},
		{&Problem{}, 500},
		{&http.MaxBytesError{Limit: 5}, 413},
		{fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 5}), 413},
		{context.DeadlineExceeded, 503},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), 503},
		{context.Canceled, 499},
		{errors.Join(context.Canceled, errorsCoded{code, "c"}), code}, // a status given wins
	}
	for _, tt := range tests {
		if got := StatusOf(tt.err); got != tt.want {
			t.Errorf("StatusOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// errorsServe runs h for a GET of path and returns the response and the
// problem in it.
func errorsServe(t *testing.T, h http.Handler, method, path string) (*httptest.ResponseRecorder, Problem) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, path, nil))
	var p Problem
	if w.Header().Get("Content-Type") == "application/problem+json" {
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatalf("%s %s: body %q: %v", method, path, w.Body, err)
		}
	}
	return w, p
}

// TestWriteErrorHidesInternalErrors: a 500's response says nothing of the
// error; the log says everything.
func TestWriteErrorHidesInternalErrors(t *testing.T) {
	logs := errorsLog(t)
	secret := fmt.Sprintf("dial tcp 10.0.0.%d:5432: connection refused", rand.IntN(255))
	h := HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("load user: %w", errors.New(secret))
	})
	w, p := errorsServe(t, h, "GET", "/users/7")
	if w.Code != 500 || strings.Contains(w.Body.String(), "10.0.0") || !reflect.DeepEqual(p, Problem{Title: "Internal Server Error", Status: 500}) {
		t.Errorf("internal error: %d %q, want a bare 500", w.Code, w.Body)
	}
	recs := errorsRecords(t, logs)
	if len(recs) != 1 || recs[0]["level"] != "ERROR" || recs[0]["err"] != "load user: "+secret ||
		recs[0]["status"] != 500.0 || recs[0]["path"] != "/users/7" || recs[0]["method"] != "GET" {
		t.Errorf("log records: %v, want one ERROR with the error, status and path", recs)
	}
}

func TestWriteErrorClientErrors(t *testing.T) {
	logs := errorsLog(t)
	code := 400 + rand.IntN(100)
	msg := fmt.Sprintf("no widget %d", rand.IntN(1000))
	h := HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		// The wrapping text is the program's; only the coded error's own
		// text is for the client.
		return fmt.Errorf("widgets.Get(%q): %w", "secret-key", errorsCoded{code, msg})
	})
	w, p := errorsServe(t, h, "GET", "/w")
	if w.Code != code || p.Status != code || p.Detail != msg || p.Title != statusText(code) || strings.Contains(w.Body.String(), "secret-key") {
		t.Errorf("coded error %d: %d %q, want the status and %q only", code, w.Code, w.Body, msg)
	}
	if recs := errorsRecords(t, logs); len(recs) != 1 || recs[0]["level"] != "DEBUG" {
		t.Errorf("a client error logged %v, want one DEBUG record", recs)
	}
}

func TestWriteErrorProblems(t *testing.T) {
	errorsLog(t)
	n := rand.IntN(1000)
	h := HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("checkout: %w", &Problem{Type: "https://example.com/credit", Title: "Out of credit",
			Status: 403, Detail: fmt.Sprint("balance ", n), Extensions: map[string]any{"balance": n}})
	})
	w, p := errorsServe(t, h, "POST", "/buy")
	if w.Code != 403 || p.Type != "https://example.com/credit" || p.Title != "Out of credit" || p.Detail != fmt.Sprint("balance ", n) || p.Extensions["balance"] != float64(n) {
		t.Errorf("a *Problem: %d %s", w.Code, w.Body)
	}
	// A 5xx problem was written for the client on purpose: its detail is sent.
	h = HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return &Problem{Status: 503, Detail: "maintenance until 10:00"}
	})
	if w, p := errorsServe(t, h, "GET", "/"); w.Code != 503 || p.Detail != "maintenance until 10:00" {
		t.Errorf("a 503 *Problem: %d %s", w.Code, w.Body)
	}
}

func TestWriteErrorSpecialErrors(t *testing.T) {
	errorsLog(t)
	limit := rand.Int64N(1000)
	for _, tt := range []struct {
		err    error
		status int
		detail string
	}{
		{fmt.Errorf("read: %w", &http.MaxBytesError{Limit: limit}), 413, fmt.Sprintf("request body larger than %d bytes", limit)},
		{fmt.Errorf("query users: %w", context.DeadlineExceeded), 503, "the request took too long"},
		{context.Canceled, 499, "the request was canceled"},
		{&BodyError{Status: 415, Detail: "send json"}, 415, "send json"},
	} {
		h := HandlerFunc(func(http.ResponseWriter, *http.Request) error { return tt.err })
		w, p := errorsServe(t, h, "GET", "/")
		if w.Code != tt.status || p.Status != tt.status || p.Detail != tt.detail || p.Title != statusText(tt.status) {
			t.Errorf("WriteError(%v) = %d %s, want %d %q", tt.err, w.Code, w.Body, tt.status, tt.detail)
		}
	}
}

// TestWriteErrorAfterHeader: once the handler sent a status, WriteError
// cannot send another; it logs.
func TestWriteErrorAfterHeader(t *testing.T) {
	logs := errorsLog(t)
	sent := 200 + rand.IntN(10)
	h := HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(sent)
		io.WriteString(w, "partial")
		return errors.New("encoder failed half way")
	})
	w, _ := errorsServe(t, h, "GET", "/stream")
	if w.Code != sent || w.Body.String() != "partial" {
		t.Errorf("error after WriteHeader(%d): response %d %q, want it untouched", sent, w.Code, w.Body)
	}
	recs := errorsRecords(t, logs)
	if len(recs) != 1 || recs[0]["msg"] != "error after the response began" || recs[0]["sent"] != float64(sent) || recs[0]["status"] != 500.0 {
		t.Errorf("log: %v", recs)
	}

	// WriteError called with a writer that went through Wrap elsewhere.
	logs.Reset()
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	rw.WriteHeader(201)
	WriteError(rw, httptest.NewRequest("GET", "/", nil), errors.New("late"))
	if rec.Code != 201 || rec.Body.Len() != 0 || len(errorsRecords(t, logs)) != 1 {
		t.Errorf("WriteError after a wrapped 201: %d %q", rec.Code, rec.Body)
	}
}

func TestHandlerFuncNoError(t *testing.T) {
	logs := errorsLog(t)
	body := fmt.Sprint("ok ", rand.IntN(1000))
	h := HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if _, ok := w.(*ResponseWriter); !ok {
			t.Errorf("HandlerFunc passed a %T, want the *ResponseWriter of Wrap", w)
		}
		_, err := io.WriteString(w, body)
		return err
	})
	w, _ := errorsServe(t, h, "GET", "/")
	if w.Code != 200 || w.Body.String() != body || logs.Len() != 0 {
		t.Errorf("no error: %d %q, log %q", w.Code, w.Body, logs)
	}
	WriteError(w, httptest.NewRequest("GET", "/", nil), nil) // nothing
	if w.Body.String() != body {
		t.Errorf("WriteError(nil) wrote %q", w.Body)
	}
}

// TestHandlerFuncInVelocy runs HandlerFunc behind velocy's router and
// MaxBodyBytes, over the network.
func TestHandlerFuncInVelocy(t *testing.T) {
	errorsLog(t)
	r := velocy.New()
	r.Use(MaxBodyBytes(64))
	r.Handle("POST", "/users/{id}", HandlerFunc(func(w http.ResponseWriter, req *http.Request) error {
		var in struct {
			Name string `json:"name"`
		}
		if err := DecodeJSON(w, req, &in, JSONOptions{DisallowUnknownFields: true}); err != nil {
			return err
		}
		if req.PathValue("id") == "0" {
			return &Problem{Status: 404, Detail: "no user 0"}
		}
		return json.NewEncoder(w).Encode(map[string]string{"id": req.PathValue("id"), "name": in.Name})
	}))
	srv := httptest.NewServer(r)
	defer srv.Close()
	for _, tt := range []struct {
		path, body string
		status     int
		detail     string
	}{
		{"/users/1", `{"name":"ada"}`, 200, ""},
		{"/users/0", `{"name":"ada"}`, 404, "no user 0"},
		{"/users/1", `{"nmae":"ada"}`, 400, `unknown field "nmae"`},
		{"/users/1", `{"name":"` + strings.Repeat("a", 100) + `"}`, 413, "request body larger than 64 bytes"},
	} {
		resp, err := srv.Client().Post(srv.URL+tt.path, "application/json", strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var p Problem
		json.Unmarshal(data, &p)
		if resp.StatusCode != tt.status || p.Detail != tt.detail {
			t.Errorf("POST %s %s: %d %q, want %d %q", tt.path, tt.body, resp.StatusCode, data, tt.status, tt.detail)
		}
	}
}

func ExampleHandlerFunc() {
	users := map[string]string{"1": "ada"}
	h := HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		name, ok := users[r.URL.Query().Get("id")]
		if !ok {
			return &Problem{Status: http.StatusNotFound, Detail: "no such user"}
		}
		_, err := fmt.Fprintln(w, "hello,", name)
		return err
	})
	for _, target := range []string{"/?id=1", "/?id=2"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Print(w.Code, " ", w.Body)
	}
	// Output:
	// 200 hello, ada
	// 404 {"title":"Not Found","status":404,"detail":"no such user"}
}
