package metrics

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// metMwPage returns the registry's samples: series text -> value text.
func metMwPage(t *testing.T, reg *Registry) map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := reg.WriteText(&b); err != nil {
		t.Fatalf("WriteText = %v", err)
	}
	page := map[string]string{}
	for line := range strings.Lines(b.String()) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		page[line[:i]] = strings.TrimSuffix(line[i+1:], "\n")
	}
	return page
}

func TestMetMiddlewareIndexes(t *testing.T) {
	std := []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"}
	for _, m := range std {
		if got := methods[methodIndex(m)]; got != m {
			t.Fatalf("methods[methodIndex(%q)] = %q, want %q", m, got, m)
		}
	}
	for range 50 {
		m := []string{"FOO", "get", "PROPFIND", "BREW", "GETS", ""}[rand.IntN(6)] + strconv.Itoa(rand.IntN(3))[:rand.IntN(2)]
		if got := methods[methodIndex(m)]; got != "OTHER" {
			t.Fatalf("methods[methodIndex(%q)] = %q, want \"OTHER\": any token but the nine methods (case matters) is OTHER, or clients choose the series", m, got)
		}
	}
	for range 200 {
		code := 100 + rand.IntN(900)
		want := "5xx"
		switch {
		case code < 200:
			want = "1xx"
		case code < 500:
			want = strconv.Itoa(code/100) + "xx"
		}
		if got := classes[classIndex(code)]; got != want {
			t.Fatalf("classes[classIndex(%d)] = %q, want %q", code, got, want)
		}
	}
}

func TestMetMiddlewareRED(t *testing.T) {
	reg := NewRegistry()
	mux := http.NewServeMux()
	routes := 1 + rand.IntN(5)
	for i := range routes {
		mux.HandleFunc(fmt.Sprintf("/r%d/{id}", i), func(w http.ResponseWriter, r *http.Request) {
			switch mode := r.Header.Get("X-Mode"); mode {
			case "write":
				w.Write([]byte("ok"))
			case "none":
			default:
				code, _ := strconv.Atoi(mode)
				w.WriteHeader(code)
			}
		})
	}
	h := Middleware(reg)(mux)
	wantReq := map[string]int{}
	wantDur := map[string]int{}
	for range 200 {
		method := []string{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO", "PROPFIND"}[rand.IntN(8)]
		label := method
		if method == "FOO" || method == "PROPFIND" {
			label = "OTHER"
		}
		route := fmt.Sprintf("/r%d/{id}", rand.IntN(routes))
		path := strings.Replace(route, "{id}", strconv.Itoa(rand.IntN(1e6)), 1)
		mode := []string{"write", "none", "201", "204", "302", "400", "404", "418", "500", "503", "599"}[rand.IntN(11)]
		class := map[string]string{"write": "2xx", "none": "2xx"}[mode]
		if class == "" {
			class = mode[:1] + "xx"
		}
		if rand.IntN(6) == 0 { // no route: the mux answers 404
			route, path, class = "unmatched", fmt.Sprintf("/nothing/%d", rand.IntN(1e6)), "4xx"
		}
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set("X-Mode", mode)
		h.ServeHTTP(httptest.NewRecorder(), req)
		wantReq[fmt.Sprintf(`http_requests_total{method="%s",route="%s",code="%s"}`, label, route, class)]++
		wantDur[fmt.Sprintf(`http_request_duration_seconds_count{method="%s",route="%s"}`, label, route)]++
	}
	page := metMwPage(t, reg)
	for _, want := range []map[string]int{wantReq, wantDur} {
		for series, n := range want {
			if got := page[series]; got != strconv.Itoa(n) {
				t.Fatalf("after 200 requests, %s = %q, want %d (route: the Pattern after the handler returned, or \"unmatched\"; code: the status class, 200 when nothing was written)", series, got, n)
			}
		}
	}
	for series := range page {
		if strings.HasPrefix(series, "http_requests_total{") && wantReq[series] == 0 {
			t.Fatalf("the page has a series %s that no request made", series)
		}
	}
}

// metMwOuter is an outer middleware's writer that reports the status.
type metMwOuter struct {
	http.ResponseWriter
	status int
}

func (o *metMwOuter) WriteHeader(code int) {
	if o.status == 0 {
		o.status = code
	}
	o.ResponseWriter.WriteHeader(code)
}

func (o *metMwOuter) Status() int { return o.status }

func TestMetMiddlewareOuterWriter(t *testing.T) {
	reg := NewRegistry()
	code := []int{200, 404, 500, 302}[rand.IntN(4)]
	var outer *metMwOuter
	h := Middleware(reg)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if w != http.ResponseWriter(outer) {
			t.Errorf("the handler got a %T, want the outer writer itself: it reports its status already (Status), so wrapping it again is wasted work", w)
		}
		w.WriteHeader(code)
	}))
	outer = &metMwOuter{ResponseWriter: httptest.NewRecorder()}
	h.ServeHTTP(outer, httptest.NewRequest("GET", "/x", nil))
	series := fmt.Sprintf(`http_requests_total{method="GET",route="unmatched",code="%dxx"}`, code/100)
	if got := metMwPage(t, reg)[series]; got != "1" {
		t.Fatalf("a request answered %d through an outer writer with a Status method: %s = %q, want 1", code, series, got)
	}
}
