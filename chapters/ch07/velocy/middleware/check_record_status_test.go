package middleware

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestResponseWriterRecordsStatusAndBytes(t *testing.T) {
	codes := []int{http.StatusCreated, http.StatusAccepted, http.StatusNotFound, http.StatusTeapot, http.StatusBadGateway}
	code := codes[rand.IntN(len(codes))]
	a, b := strings.Repeat("a", 1+rand.IntN(50)), strings.Repeat("b", 1+rand.IntN(50))
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	if rw.Status() != 0 || rw.Written() != 0 {
		t.Fatalf("a new wrapper has Status %d, Written %d; want 0, 0", rw.Status(), rw.Written())
	}
	rw.WriteHeader(code)
	rw.Write([]byte(a))
	rw.Write([]byte(b))
	if rw.Status() != code {
		t.Errorf("after WriteHeader(%d), Status() = %d, want %d", code, rw.Status(), code)
	}
	if want := int64(len(a) + len(b)); rw.Written() != want {
		t.Errorf("after writing %d and %d bytes, Written() = %d, want %d", len(a), len(b), rw.Written(), want)
	}
	if rec.Code != code || rec.Body.String() != a+b {
		t.Errorf("the writer underneath got %d %q, want %d %q: pass everything on", rec.Code, rec.Body, code, a+b)
	}
}

func TestResponseWriterImplicitOK(t *testing.T) {
	rw := Wrap(httptest.NewRecorder())
	rw.Write([]byte("hi"))
	if rw.Status() != http.StatusOK {
		t.Fatalf("Write without WriteHeader: Status() = %d, want 200 (net/http sends 200 OK before the first byte)", rw.Status())
	}
}

func TestResponseWriterKeepsTheFirstStatus(t *testing.T) {
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	rw.WriteHeader(http.StatusNotFound)
	rw.WriteHeader(http.StatusInternalServerError)
	if rw.Status() != http.StatusNotFound {
		t.Fatalf("WriteHeader(404) then WriteHeader(500): Status() = %d, want 404: the first status is the one the client got", rw.Status())
	}
}

func TestWrapReusesAWrapper(t *testing.T) {
	rw := Wrap(httptest.NewRecorder())
	if again := Wrap(rw); again != rw {
		t.Fatal("Wrap(rw) for a *ResponseWriter rw returned a new wrapper: return rw itself, so middlewares share one set of counts")
	}
}
