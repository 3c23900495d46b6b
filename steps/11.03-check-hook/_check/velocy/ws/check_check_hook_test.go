package ws

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// hsStatusError is an error that names its HTTP status.
type hsStatusError struct{ code int }

func (e hsStatusError) Error() string   { return fmt.Sprintf("refused with %d", e.code) }
func (e hsStatusError) StatusCode() int { return e.code }

func TestHsCheckHook(t *testing.T) {
	token := fmt.Sprint(rand.IntN(1e9))
	plain := errors.New("not signed in")
	coded := hsStatusError{[]int{401, 402, 404, 429, 503}[rand.IntN(5)]}
	cases := []struct {
		ret    error
		status int // 0: accepted
		why    string
	}{
		{nil, 0, "Check returned nil"},
		{plain, http.StatusForbidden, "an error without a status is a 403"},
		{coded, coded.code, "an error with StatusCode() gives the status"},
		{fmt.Errorf("wrapped: %w", coded), coded.code, "errors.As finds StatusCode() through wrapping"},
		{hsStatusError{200}, http.StatusForbidden, "a StatusCode() outside 400-599 is ignored: 403"},
	}
	rand.Shuffle(len(cases), func(i, j int) { cases[i], cases[j] = cases[j], cases[i] })
	for _, c := range cases {
		var seen string
		calls := 0
		u := &Upgrader{Check: func(r *http.Request) error {
			calls++
			seen = r.Header.Get("X-Hs-Token")
			return c.ret
		}}
		r := hsHandshakeRequest(hsReqKey())
		r.Header.Set("X-Hs-Token", token)
		_, herr := u.validate(httptest.NewRecorder(), r)
		if calls != 1 || seen != token {
			t.Fatalf("validate of a valid handshake called Check %d times (with X-Hs-Token %q), want once, with the request (%q)", calls, seen, token)
		}
		switch {
		case c.status == 0 && herr != nil:
			t.Fatalf("validate when %s = %v, want nil", c.why, herr)
		case c.status != 0 && herr == nil:
			t.Fatalf("validate when Check returned %v = nil, want a refusal: %s", c.ret, c.why)
		case c.status != 0 && herr.Status != c.status:
			t.Fatalf("validate when Check returned %v: Status %d, want %d: %s", c.ret, herr.Status, c.status, c.why)
		case c.status != 0 && !errors.Is(herr, c.ret):
			t.Fatalf("validate when Check returned %v: the HandshakeError's Err is %v, want Check's error (errors.Is must find it)", c.ret, herr.Err)
		}
	}
}

func TestHsCheckHookLast(t *testing.T) {
	calls := 0
	u := &Upgrader{Check: func(*http.Request) error { calls++; return nil }}
	bad := []struct {
		name   string
		change func(r *http.Request)
	}{
		{"version 8", func(r *http.Request) { r.Header.Set("Sec-WebSocket-Version", "8") }},
		{"no key", func(r *http.Request) { r.Header.Del("Sec-WebSocket-Key") }},
		{"a foreign Origin", func(r *http.Request) { r.Header.Set("Origin", "https://"+hsDomain()) }},
		{"a POST", func(r *http.Request) { r.Method = http.MethodPost }},
	}
	rand.Shuffle(len(bad), func(i, j int) { bad[i], bad[j] = bad[j], bad[i] })
	for _, c := range bad {
		r := hsHandshakeRequest(hsReqKey())
		c.change(r)
		if _, herr := u.validate(httptest.NewRecorder(), r); herr == nil {
			t.Fatalf("validate of a handshake with %s = nil, want a refusal", c.name)
		}
		if calls != 0 {
			t.Fatalf("validate of a handshake with %s called Check: it runs last, once the request is a valid handshake from an allowed origin", c.name)
		}
	}
}

func TestHsCheckHookBeforeHijack(t *testing.T) {
	code := []int{401, 403, 429}[rand.IntN(3)]
	addr, results := hsUpgradeServer(t, &Upgrader{Check: func(r *http.Request) error {
		return hsStatusError{code}
	}})
	_, br := hsRawHandshake(t, addr, hsReqKey(), "13", "", nil)
	resp, err := http.ReadResponse(br, nil)
	r := hsResult(t, results)
	if err != nil {
		t.Fatalf("reading the answer to a handshake the Check hook refuses: %v (Upgrade returned %v); want an HTTP %d, before any hijack", err, r.err, code)
	}
	resp.Body.Close()
	if resp.StatusCode != code {
		t.Fatalf("a handshake the Check hook refuses with %d was answered %s, want %d", code, resp.Status, code)
	}
	var herr *HandshakeError
	if r.c != nil || !errors.As(r.err, &herr) || herr.Status != code {
		t.Fatalf("Upgrade of a handshake the Check hook refuses = %v, %v; want nil and a *HandshakeError with Status %d", r.c, r.err, code)
	}
	if strings.Contains(resp.Header.Get("Connection"), "pgrade") {
		t.Fatalf("the refusal carries Connection: %q: nothing was upgraded", resp.Header.Get("Connection"))
	}
}
