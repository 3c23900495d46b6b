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

func TestProblemMarshalJSON(t *testing.T) {
	balance := rand.IntN(1000)
	p := Problem{
		Type:     "https://example.com/probs/out-of-credit",
		Title:    "You do not have enough credit.",
		Status:   403,
		Detail:   fmt.Sprintf("Your balance is %d.", balance),
		Instance: "/account/12345/msgs/abc",
		Extensions: map[string]any{
			"balance":  balance,
			"accounts": []string{"/account/12345"},
			"status":   "ignored: a standard member",
			"<&>":      true,
		},
	}
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your balance is %d.","instance":"/account/12345/msgs/abc","\u003c\u0026\u003e":true,"accounts":["/account/12345"],"balance":%d}`, balance, balance)
	if string(data) != want {
		t.Errorf("json.Marshal(p) =\n%s\nwant\n%s", data, want)
	}
	if data, _ := json.Marshal(Problem{}); string(data) != "{}" {
		t.Errorf("empty Problem = %s, want {}", data)
	}
	if data, _ := json.Marshal(&Problem{Status: 404}); string(data) != `{"status":404}` {
		t.Errorf("*Problem = %s", data)
	}
	if _, err := json.Marshal(Problem{Extensions: map[string]any{"f": math.Inf(1)}}); err == nil {
		t.Error("an extension that cannot be encoded: no error")
	}
}

func TestProblemUnmarshalJSON(t *testing.T) {
	n := rand.IntN(1000)
	in := Problem{Type: "about:blank", Title: "Not Found", Status: 404, Detail: "no user", Instance: "/u/1",
		Extensions: map[string]any{"n": float64(n), "list": []any{"a"}}}
	data, _ := json.Marshal(in)
	var out Problem
	if err := json.Unmarshal(data, &out); err != nil || !reflect.DeepEqual(out, in) {
		t.Errorf("round trip of %s = %+v, %v; want %+v", data, out, err, in)
	}
	// Members of the wrong type are ignored, as the RFC asks.
	out = Problem{Detail: "stale"}
	if err := json.Unmarshal([]byte(`{"status":"404","title":7,"detail":"d","type":null}`), &out); err != nil ||
		!reflect.DeepEqual(out, Problem{Detail: "d"}) {
		t.Errorf("wrong types: %+v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`[1]`), &out); err == nil {
		t.Error("an array decoded as a Problem")
	}
}

func TestProblemError(t *testing.T) {
	for p, want := range map[*Problem]string{
		{Status: 404}:                         "Not Found",
		{Status: 404, Detail: "no user 7"}:    "Not Found: no user 7",
		{Title: "Out of credit", Status: 403}: "Out of credit",
		{}:                                    "Internal Server Error",
		{Status: StatusClientClosedRequest}:   "Client Closed Request",
		{Status: 590, Detail: "odd"}:          "Error 590: odd",
	} {
		if got := p.Error(); got != want {
			t.Errorf("%+v.Error() = %q, want %q", *p, got, want)
		}
	}
}

func TestWriteProblem(t *testing.T) {
	status := 400 + rand.IntN(200)
	tests := []struct {
		in         *Problem
		status     int
		wantFields Problem
	}{
		{&Problem{Status: status, Detail: "d"}, status, Problem{Title: statusText(status), Status: status, Detail: "d"}},
		{&Problem{Type: "about:blank", Status: 404}, 404, Problem{Type: "about:blank", Title: "Not Found", Status: 404}},
		{&Problem{Type: "https://x/t", Status: 409}, 409, Problem{Type: "https://x/t", Status: 409}}, // a typed problem keeps its own (empty) title
		{&Problem{Status: 200}, 500, Problem{Title: "Internal Server Error", Status: 500}},
		{&Problem{}, 500, Problem{Title: "Internal Server Error", Status: 500}},
		{nil, 500, Problem{Title: "Internal Server Error", Status: 500}},
		{&Problem{Status: 422, Extensions: map[string]any{"bad": math.NaN(), "ok": 1}}, 422, Problem{Title: "Unprocessable Entity", Status: 422}},
	}
	for _, tt := range tests {
		var before Problem
		if tt.in != nil {
			before = *tt.in
		}
		w := httptest.NewRecorder()
		w.Header().Set("Content-Length", "999")
		WriteProblem(w, httptest.NewRequest("GET", "/", nil), tt.in)
		var got Problem
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Errorf("WriteProblem(%+v) wrote %q: %v", tt.in, w.Body, err)
			continue
		}
		if w.Code != tt.status || !reflect.DeepEqual(got, tt.wantFields) {
			t.Errorf("WriteProblem(%+v) = %d %+v, want %d %+v", tt.in, w.Code, got, tt.status, tt.wantFields)
		}
		h := w.Header()
		if h.Get("Content-Type") != "application/problem+json" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Length") != "" {
			t.Errorf("WriteProblem headers: %v", h)
		}
		if tt.in != nil && !reflect.DeepEqual(*tt.in, before) {
			t.Errorf("WriteProblem changed its argument: %+v", *tt.in)
		}
	}
	w := httptest.NewRecorder()
	WriteProblem(w, httptest.NewRequest("HEAD", "/", nil), &Problem{Status: 404})
	if w.Code != 404 || w.Body.Len() != 0 {
		t.Errorf("WriteProblem for HEAD: %d with %d bytes of body, want 404 and none", w.Code, w.Body.Len())
	}
}

func ExampleWriteProblem() {
	w := httptest.NewRecorder()
	WriteProblem(w, httptest.NewRequest("POST", "/transfers", nil), &Problem{
		Type:       "https://example.com/probs/out-of-credit",
		Title:      "You do not have enough credit.",
		Status:     http.StatusForbidden,
		Detail:     "Your balance is 30, but that costs 50.",
		Extensions: map[string]any{"balance": 30},
	})
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Print(w.Body)
	// Output:
	// 403 application/problem+json
	// {"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your balance is 30, but that costs 50.","balance":30}
}
