package sharedstate

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func TestRequestIDIsPerRequest(t *testing.T) {
	idA := "a-" + strconv.FormatUint(rand.Uint64(), 36)
	idB := "b-" + strconv.FormatUint(rand.Uint64(), 36)
	aStarted, bDone := make(chan struct{}), make(chan struct{})
	var gotA, gotB string
	h := WithRequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" {
			close(aStarted)
			select {
			case <-bDone:
			case <-time.After(10 * time.Second):
			}
			gotA = RequestID(r.Context())
			return
		}
		gotB = RequestID(r.Context())
	}))
	serve := func(path, id string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		r.Header.Set("X-Request-Id", id)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	aDone := make(chan *httptest.ResponseRecorder)
	go func() { aDone <- serve("/a", idA) }()
	select {
	case <-aStarted:
	case <-time.After(10 * time.Second):
		t.Fatal("WithRequestID did not call the next handler")
	}
	wB := serve("/b", idB)
	close(bDone)
	wA := <-aDone

	if gotB != idB {
		t.Errorf("RequestID in request B = %q, want its X-Request-Id %q", gotB, idB)
	}
	if gotA != idA {
		t.Fatalf("request A (X-Request-Id %q) read RequestID = %q after request B ran: one variable "+
			"shared by every request holds the id of whichever wrote last. Put the id in the "+
			"request's context (context.WithValue, r.WithContext) and read it from ctx", idA, gotA)
	}
	if wA.Header().Get("X-Request-Id") != idA || wB.Header().Get("X-Request-Id") != idB {
		t.Errorf("response X-Request-Id = %q and %q, want %q and %q", wA.Header().Get("X-Request-Id"), wB.Header().Get("X-Request-Id"), idA, idB)
	}
	if id := RequestID(context.Background()); id != "" {
		t.Errorf("RequestID(context.Background()) = %q, want \"\" outside a request", id)
	}
	var fresh []string
	h2 := WithRequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fresh = append(fresh, RequestID(r.Context()))
	}))
	for range 2 {
		h2.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}
	if fresh[0] == "" || fresh[0] == fresh[1] {
		t.Errorf("two requests without X-Request-Id got ids %q and %q, want two different ones", fresh[0], fresh[1])
	}
}
