package middleware

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestProblemMarshalsInOrder(t *testing.T) {
	n := rand.IntN(1000)
	p := Problem{
		Type:     fmt.Sprintf("https://example.com/probs/p%d", n),
		Title:    "Out of credit",
		Status:   400 + rand.IntN(100),
		Detail:   fmt.Sprintf("balance %d", n),
		Instance: fmt.Sprintf("/accounts/%d", n),
		Extensions: map[string]any{
			"zeta":   n,
			"alpha":  []string{"x"},
			"status": "an extension may not replace a member",
			"detail": 5,
		},
	}
	data, err := json.Marshal(p)
	want := fmt.Sprintf(`{"type":%q,"title":"Out of credit","status":%d,"detail":"balance %d","instance":"/accounts/%d","alpha":["x"],"zeta":%d}`, p.Type, p.Status, n, n, n)
	if err != nil || string(data) != want {
		t.Fatalf("json.Marshal(Problem) =\n  %s (%v)\nwant\n  %s\nthe five members in the RFC's order, then the extensions sorted by name, without the standard names", data, err, want)
	}
	if data, err := json.Marshal(Problem{Status: n + 400}); err != nil || string(data) != fmt.Sprintf(`{"status":%d}`, n+400) {
		t.Errorf("json.Marshal(Problem{Status: %d}) = %s, %v; want only the members that are set", n+400, data, err)
	}
	if data, err := json.Marshal(Problem{}); err != nil || string(data) != "{}" {
		t.Errorf("json.Marshal(Problem{}) = %s, %v; want {}", data, err)
	}
	if _, err := json.Marshal(Problem{Extensions: map[string]any{"x": math.Inf(1)}}); err == nil {
		t.Errorf("json.Marshal of a Problem whose extension is +Inf: no error, want json.Marshal's error")
	}
}

func TestProblemWriteProblem(t *testing.T) {
	status := 400 + rand.IntN(200)
	detail := fmt.Sprintf("detail %d", rand.IntN(1000))
	for _, tt := range []struct {
		in         *Problem
		wantStatus int
		want       map[string]any
	}{
		{&Problem{Status: status, Detail: detail}, status,
			map[string]any{"title": statusText(status), "status": float64(status), "detail": detail}},
		{&Problem{Type: "about:blank", Status: 404}, 404,
			map[string]any{"type": "about:blank", "title": "Not Found", "status": 404.0}},
		{&Problem{Type: "https://example.com/t", Status: 409}, 409,
			map[string]any{"type": "https://example.com/t", "status": 409.0}},
		{&Problem{Status: 302, Detail: detail}, 500,
			map[string]any{"title": "Internal Server Error", "status": 500.0, "detail": detail}},
		{nil, 500, map[string]any{"title": "Internal Server Error", "status": 500.0}},
		{&Problem{Status: 422, Extensions: map[string]any{"bad": math.NaN()}}, 422,
			map[string]any{"title": "Unprocessable Entity", "status": 422.0}},
	} {
		var before Problem
		if tt.in != nil {
			before = *tt.in
		}
		w := httptest.NewRecorder()
		w.Header().Set("Content-Length", "12345")
		WriteProblem(w, httptest.NewRequest("GET", "/", nil), tt.in)
		var got map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || w.Code != tt.wantStatus || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("WriteProblem(%#v) = %d %s, want %d with %v", tt.in, w.Code, w.Body, tt.wantStatus, tt.want)
		}
		h := w.Header()
		if h.Get("Content-Type") != "application/problem+json" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Length") != "" {
			t.Errorf("WriteProblem(%#v): header %v, want Content-Type application/problem+json, X-Content-Type-Options nosniff and no Content-Length", tt.in, h)
		}
		if tt.in != nil && !reflect.DeepEqual(*tt.in, before) {
			t.Errorf("WriteProblem changed the Problem it was given to %+v: work on a copy", *tt.in)
		}
	}
	w := httptest.NewRecorder()
	WriteProblem(w, httptest.NewRequest(http.MethodHead, "/", nil), &Problem{Status: status})
	if w.Code != status || w.Body.Len() != 0 {
		t.Errorf("WriteProblem for HEAD: %d with %d bytes of body, want %d and no body", w.Code, w.Body.Len(), status)
	}
}
