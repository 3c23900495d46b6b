package admin

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// opsToken returns a random token of the kind GuardOptions recommends.
func opsToken() string {
	b := make([]byte, 16+rand.IntN(17))
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// opsPort returns a random client port.
func opsPort() string { return fmt.Sprint(1024 + rand.IntN(60000)) }

// opsLoopbackAddrs returns RemoteAddr values of loopback clients.
func opsLoopbackAddrs() []string {
	return []string{
		fmt.Sprintf("127.%d.%d.%d:%s", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254), opsPort()),
		"127.0.0.1:" + opsPort(),
		"[::1]:" + opsPort(),
		"[::ffff:127.0.0.1]:" + opsPort(),
	}
}

// opsRemoteAddrs returns RemoteAddr values of clients that are not
// loopback, or not IP addresses at all.
func opsRemoteAddrs() []string {
	return []string{
		fmt.Sprintf("10.%d.%d.%d:%s", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254), opsPort()),
		fmt.Sprintf("203.0.113.%d:%s", 1+rand.IntN(254), opsPort()),
		fmt.Sprintf("[2001:db8::%x]:%s", 1+rand.IntN(0xfffe), opsPort()),
		"pipe",
		"",
	}
}

// opsGuarded sends a request from remote with the given Authorization
// values (and any extra headers) through Guard(opts), and reports whether
// it reached the handler. A refusal must be a plain 404.
func opsGuarded(t *testing.T, opts GuardOptions, remote string, auth []string, extra ...string) bool {
	t.Helper()
	reached := false
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached = true
		w.Write([]byte("admin"))
	})
	r := httptest.NewRequest(http.MethodGet, "/debug/pprof/", nil)
	r.RemoteAddr = remote
	for _, a := range auth {
		r.Header.Add("Authorization", a)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		r.Header.Set(extra[i], extra[i+1])
	}
	rec := httptest.NewRecorder()
	Guard(opts)(inner).ServeHTTP(rec, r)
	if !reached && rec.Code != http.StatusNotFound {
		t.Fatalf("Guard(%+v) refused a request (from %q, Authorization %q) with %d, want 404: a 401 or 403 tells a scanner something is there",
			opts, remote, auth, rec.Code)
	}
	if !reached && rec.Header().Get("WWW-Authenticate") != "" {
		t.Fatalf("Guard refused with a WWW-Authenticate header: it must look like any 404")
	}
	return reached
}

func TestOpsGuardToken(t *testing.T) {
	for range 20 {
		tok := opsToken()
		opts := GuardOptions{Token: tok}
		remote := opsRemoteAddrs()[rand.IntN(3)]
		for _, auth := range []string{"Bearer " + tok, "bearer " + tok, "BEARER " + tok} {
			if !opsGuarded(t, opts, remote, []string{auth}) {
				why := "the token is right"
				if !strings.HasPrefix(auth, "Bearer ") {
					why = "the scheme is case-insensitive"
				}
				t.Fatalf("Guard({Token: %q}) refused Authorization %q from %s, want it let through: %s", tok, auth, remote, why)
			}
		}
		i := rand.IntN(len(tok))
		other := tok[:i] + string(rune('a'+(tok[i]-'a'+1+byte(rand.IntN(20)))%26)) + tok[i+1:]
		if other == tok {
			other = tok + "x"
		}
		bad := [][]string{
			nil,
			{"Bearer " + other},
			{"Bearer " + tok[:len(tok)-1]},
			{"Bearer " + tok + tok[len(tok)-1:]},
			{"Bearer "},
			{"Basic " + tok},
			{tok},
		}
		for _, auth := range bad {
			if opsGuarded(t, opts, remote, auth) {
				t.Fatalf("Guard({Token: %q}) let through Authorization %q, want 404: only \"Bearer <token>\" with the exact token", tok, auth)
			}
		}
	}
}

func TestOpsGuardLoopback(t *testing.T) {
	opts := GuardOptions{AllowLoopback: true}
	for range 10 {
		for _, remote := range opsLoopbackAddrs() {
			if !opsGuarded(t, opts, remote, nil) {
				t.Fatalf("Guard({AllowLoopback: true}) refused a client at RemoteAddr %q, want it let through: it is loopback", remote)
			}
		}
		for _, remote := range opsRemoteAddrs() {
			if opsGuarded(t, opts, remote, nil, "X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1", "X-Real-Ip", "::1") {
				t.Fatalf("Guard({AllowLoopback: true}) let through RemoteAddr %q (with X-Forwarded-For: 127.0.0.1), want 404: decide by the connection's address only, never by headers a client writes", remote)
			}
		}
	}
}

func TestOpsGuardBothRequired(t *testing.T) {
	for range 10 {
		tok := opsToken()
		opts := GuardOptions{Token: tok, AllowLoopback: true}
		loop := opsLoopbackAddrs()[rand.IntN(4)]
		remote := opsRemoteAddrs()[rand.IntN(3)]
		if !opsGuarded(t, opts, loop, []string{"Bearer " + tok}) {
			t.Fatalf("Guard(Token and AllowLoopback) refused the token from loopback %s, want it let through", loop)
		}
		if opsGuarded(t, opts, loop, nil) {
			t.Fatalf("Guard(Token and AllowLoopback) let through loopback %s without the token, want 404: each option set is a requirement", loop)
		}
		if opsGuarded(t, opts, remote, []string{"Bearer " + tok}) {
			t.Fatalf("Guard(Token and AllowLoopback) let through the token from %s, want 404: each option set is a requirement", remote)
		}
	}
}

func TestOpsGuardClosedByDefault(t *testing.T) {
	for _, remote := range append(opsLoopbackAddrs(), opsRemoteAddrs()...) {
		for _, auth := range [][]string{nil, {"Bearer "}, {"Bearer " + opsToken()}} {
			if opsGuarded(t, GuardOptions{}, remote, auth) {
				t.Fatalf("Guard(GuardOptions{}) let through %q (Authorization %q), want 404 for everyone: a guard that was not configured fails closed",
					remote, auth)
			}
		}
	}
	// And a configured guard must let someone through: a guard that
	// refuses everyone passes the test above.
	if !opsGuarded(t, GuardOptions{AllowLoopback: true}, "127.0.0.1:"+opsPort(), nil) {
		t.Fatal("Guard({AllowLoopback: true}) refused 127.0.0.1, want it let through")
	}
}
