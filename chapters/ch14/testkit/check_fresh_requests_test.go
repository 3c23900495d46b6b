package testkit

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

type freshKey struct{}

func freshTemplates(r *rand.Rand) []*http.Request {
	var out []*http.Request
	for i := range 1 + r.IntN(6) {
		out = append(out, httptest.NewRequest("GET", fmt.Sprintf("/t%d/%d", i, r.IntN(1000)), nil))
	}
	return out
}

func TestFreshCyclesThroughTemplates(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 9))
	tmpls := freshTemplates(r)
	next := Fresh(tmpls)
	for i := range 3 * len(tmpls) {
		req := next()
		if req == nil || req.URL.Path != tmpls[i%len(tmpls)].URL.Path {
			t.Fatalf("call %d of Fresh's function: a request for %v, want a copy of template %d (%s)",
				i+1, req, i%len(tmpls), tmpls[i%len(tmpls)].URL.Path)
		}
		for _, tm := range tmpls {
			if req == tm {
				t.Fatal("Fresh handed out a template itself: a handler would change it, and every later call would see that")
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { next() }); n != 0 {
		t.Fatalf("each call allocates %v times, want 0: copy into one request made once (*req = *tmpl)", n)
	}
	if Fresh(nil)() != nil {
		t.Fatal("Fresh(nil)() is not nil")
	}
}

func TestFreshLeavesNothingBehind(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 10))
	tmpls := freshTemplates(r)
	next := Fresh(tmpls)
	for i := range 2 * len(tmpls) {
		req := next()
		if req == nil {
			t.Fatalf("call %d of Fresh's function returned nil, want a copy of template %d", i+1, i%len(tmpls))
		}
		if v := req.PathValue("id"); v != "" {
			t.Fatalf("call %d: the request already has the path value id=%q set on an earlier request", i+1, v)
		}
		if req.Context().Value(freshKey{}) != nil {
			t.Fatalf("call %d: the request carries a context from an earlier request", i+1)
		}
		req.SetPathValue("id", fmt.Sprint(i)) // what a router does
		*req = *req.WithContext(context.WithValue(req.Context(), freshKey{}, i))
	}
	for _, tm := range tmpls {
		if tm.PathValue("id") != "" {
			t.Fatal("a template was changed by what was done to a request Fresh handed out")
		}
	}
}
