package middleware

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// beforeHeaderer is the method this step adds.
type beforeHeaderer interface{ BeforeHeader(func(status int)) }

// beforeHeaderOn calls rw.BeforeHeader(fn), or fails if there is no such method.
func beforeHeaderOn(t *testing.T, rw *ResponseWriter, fn func(int)) {
	t.Helper()
	bh, ok := any(rw).(beforeHeaderer)
	if !ok {
		t.Fatal("*ResponseWriter has no method BeforeHeader(func(status int)): add it to writer.go")
	}
	bh.BeforeHeader(fn)
}

func TestBeforeHeaderAddsAHeaderInTime(t *testing.T) {
	codes := []int{http.StatusOK, http.StatusCreated, http.StatusNotFound, http.StatusConflict}
	code := codes[rand.IntN(len(codes))]
	value := fmt.Sprint(rand.IntN(1e6))
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	var seen []int
	beforeHeaderOn(t, rw, func(status int) {
		seen = append(seen, status)
		rw.Header().Set("X-Late", value)
	})
	rw.WriteHeader(code)
	rw.Write([]byte("body"))
	rw.WriteHeader(http.StatusInternalServerError)
	if len(seen) != 1 || seen[0] != code {
		t.Fatalf("the hook saw statuses %v, want exactly [%d]: run it once, with the status about to be sent", seen, code)
	}
	if got := rec.Header().Get("X-Late"); got != value {
		t.Fatalf("X-Late = %q, want %q: the hook must run before the header goes to the writer underneath", got, value)
	}
}

func TestBeforeHeaderRunsForAnImplicitHeader(t *testing.T) {
	for _, name := range []string{"Write", "Flush"} {
		rec := httptest.NewRecorder()
		rw := Wrap(rec)
		var seen []int
		beforeHeaderOn(t, rw, func(status int) { seen = append(seen, status) })
		if name == "Write" {
			rw.Write([]byte("x"))
		} else {
			rw.Flush()
		}
		if len(seen) != 1 || seen[0] != http.StatusOK {
			t.Errorf("after %s without WriteHeader the hook saw %v, want [200]", name, seen)
		}
	}
}

func TestBeforeHeaderOrderAndLateHooks(t *testing.T) {
	n := 2 + rand.IntN(4)
	rw := Wrap(httptest.NewRecorder())
	var order []string
	for i := range n {
		beforeHeaderOn(t, rw, func(int) { order = append(order, fmt.Sprint(i)) })
	}
	rw.WriteHeader(http.StatusNoContent)
	late := false
	beforeHeaderOn(t, rw, func(int) { late = true })
	rw.Write(nil)
	rw.Flush()
	var want []string
	for i := n - 1; i >= 0; i-- {
		want = append(want, fmt.Sprint(i))
	}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Errorf("hooks ran in order %v, want %v: the last registered runs first, like defer", order, want)
	}
	if late {
		t.Error("a hook registered after the header was sent ran: it must never run")
	}
}
