package middleware

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// headerLimitsStepRandom returns a header of n random fields, some names
// repeated, and its size as Header.Write writes it on the wire.
func headerLimitsStepRandom(n int) (http.Header, int) {
	h := http.Header{}
	for range n {
		h.Add(fmt.Sprintf("X-Field-%d", rand.IntN(n/2+1)), strings.Repeat("v", rand.IntN(50)))
	}
	var buf bytes.Buffer
	h.Write(&buf)
	return h, buf.Len()
}

// headerLimitsStepServe sends a request with header h through
// LimitHeaders and returns the status and whether the handler ran.
func headerLimitsStepServe(maxCount, maxBytes int, h http.Header) (int, bool) {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header = h
	w := httptest.NewRecorder()
	ran := false
	LimitHeaders(maxCount, maxBytes)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ran = true
	})).ServeHTTP(w, r)
	return w.Code, ran
}

func TestLimitHeadersBytes(t *testing.T) {
	for range 20 {
		h, size := headerLimitsStepRandom(2 + rand.IntN(30))
		if code, ran := headerLimitsStepServe(0, size, h); code != http.StatusOK || !ran {
			t.Fatalf("a header of exactly %d bytes (name + \": \" + value + \"\\r\\n\" per line) under LimitHeaders(0, %d): status %d, handler ran %v; want 200 from the handler", size, size, code, ran)
		}
		if code, ran := headerLimitsStepServe(0, size-1, h); code != http.StatusRequestHeaderFieldsTooLarge || ran {
			t.Fatalf("a header of %d bytes (name + \": \" + value + \"\\r\\n\" per line) under LimitHeaders(0, %d): status %d, handler ran %v; want 431 and no handler", size, size-1, code, ran)
		}
	}
}

func TestLimitHeadersCount(t *testing.T) {
	for range 20 {
		n := 2 + rand.IntN(30)
		h, _ := headerLimitsStepRandom(n)
		if code, ran := headerLimitsStepServe(n, 0, h); code != http.StatusOK || !ran {
			t.Fatalf("%d fields under LimitHeaders(%d, 0): status %d, handler ran %v; want 200 from the handler", n, n, code, ran)
		}
		if code, ran := headerLimitsStepServe(n-1, 1<<20, h); code != http.StatusRequestHeaderFieldsTooLarge || ran {
			t.Fatalf("%d fields (a name on two lines counts twice) under LimitHeaders(%d, 1<<20): status %d, handler ran %v; want 431 and no handler", n, n-1, code, ran)
		}
	}
}

func TestLimitHeadersRefusesMistakes(t *testing.T) {
	n := 1 + rand.IntN(100)
	for _, lim := range [][2]int{{-n, 10}, {10, -n}, {0, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("LimitHeaders(%d, %d) did not panic: a negative limit, or no limit at all, is a mistake in the code", lim[0], lim[1])
				}
			}()
			LimitHeaders(lim[0], lim[1])
		}()
	}
}
