package bench

import (
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	chimw "github.com/go-chi/chi/v5/middleware"
	"github.com/gorilla/handlers"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// An ipCase is a request from remote (the connection's address) with
// headers set by whoever sent it. Ours trusts the proxies of 10.0.0.0/8;
// chi and gorilla have no such setting.
type ipCase struct {
	name, remote string
	header       map[string]string
}

var ipCases = []ipCase{
	{"direct, no header", "203.0.113.7:5555", nil},
	{"direct, IPv6", "[2001:db8::1]:443", nil},
	{"direct, X-Forwarded-For set by the client", "203.0.113.7:5555", map[string]string{"X-Forwarded-For": "1.2.3.4"}},
	{"direct, X-Real-IP set by the client", "203.0.113.7:5555", map[string]string{"X-Real-IP": "1.2.3.4"}},
	{"direct, True-Client-IP set by the client", "203.0.113.7:5555", map[string]string{"True-Client-IP": "1.2.3.4"}},
	{"proxy, X-Forwarded-For", "10.0.0.2:40000", map[string]string{"X-Forwarded-For": "198.51.100.9"}},
	{"proxy, two proxies", "10.0.0.2:40000", map[string]string{"X-Forwarded-For": "198.51.100.9, 10.0.0.3"}},
	{"proxy, client-forged left entry", "10.0.0.2:40000", map[string]string{"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}},
	{"proxy, list without spaces", "10.0.0.2:40000", map[string]string{"X-Forwarded-For": "6.6.6.6,198.51.100.9"}},
	{"proxy, entry that is no address", "10.0.0.2:40000", map[string]string{"X-Forwarded-For": "unknown"}},
}

// TestCompareClientIP compares the client address each middleware hands
// the handler: ours through ClientIPFrom, chi's RealIP and gorilla's
// ProxyHeaders in r.RemoteAddr.
func TestCompareClientIP(t *testing.T) {
	names := make([]string, len(ipCases))
	for i, c := range ipCases {
		names[i] = c.name
	}
	impls := []impl{
		{"velocy", middleware.ClientIP(middleware.ClientIPOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})},
		{"chi", chimw.RealIP},
		{"gorilla", handlers.ProxyHeaders},
	}
	compareArea(t, "client ip", names, impls, func(i int, im impl) string {
		c := ipCases[i]
		var got string
		h := im.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if im.name == "velocy" {
				got = middleware.ClientIPFrom(r.Context()).String()
				return
			}
			got = addrOnly(r.RemoteAddr)
		}))
		req, _ := http.NewRequest("GET", "http://api.example/", nil)
		req.RemoteAddr = c.remote
		for k, v := range c.header {
			req.Header.Set(k, v)
		}
		h.ServeHTTP(newStatusWriter(), req)
		return got
	})
}

// addrOnly returns the address of "host:port" or of a bare address, and
// marks anything else as not an address.
func addrOnly(s string) string {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().String()
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().String()
	}
	return fmt.Sprintf("not an address: %q", s)
}

// quietChiEntry keeps chi's Recoverer from printing a stack on stderr.
type quietChiEntry struct{}

func (quietChiEntry) Write(int, int, http.Header, time.Duration, any) {}
func (quietChiEntry) Panic(any, []byte)                               {}

type recoverCase struct {
	name    string
	upgrade bool
	handler func(w http.ResponseWriter)
}

var recoverCases = []recoverCase{
	{"no panic", false, func(w http.ResponseWriter) { w.Write([]byte("fine")) }},
	{"panic with a string", false, func(http.ResponseWriter) { panic("boom") }},
	{"panic with an error", false, func(http.ResponseWriter) { panic(errors.New("boom")) }},
	{"panic(nil)", false, func(http.ResponseWriter) { panic(nil) }},
	{"panic with http.ErrAbortHandler", false, func(http.ResponseWriter) { panic(http.ErrAbortHandler) }},
	{"panic after the header was sent", false, func(w http.ResponseWriter) {
		w.Write([]byte("half a bo"))
		panic("boom")
	}},
	{"panic on a Connection: Upgrade request", true, func(http.ResponseWriter) { panic("boom") }},
}

// TestCompareRecover compares what the client gets when the handler
// panics: the status sent ("nothing" if none), and whether the panic went
// on up to net/http (which then cuts the connection).
func TestCompareRecover(t *testing.T) {
	names := make([]string, len(recoverCases))
	for i, c := range recoverCases {
		names[i] = c.name
	}
	quietLog := log.New(io.Discard, "", 0)
	impls := []impl{
		{"velocy", middleware.Recover(slog.New(slog.DiscardHandler))},
		{"chi", func(h http.Handler) http.Handler {
			rec := chimw.Recoverer(h)
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rec.ServeHTTP(w, chimw.WithLogEntry(r, quietChiEntry{}))
			})
		}},
		{"gorilla", handlers.RecoveryHandler(handlers.RecoveryLogger(quietLog))},
	}
	compareArea(t, "recover", names, impls, func(i int, im impl) (verdict string) {
		c := recoverCases[i]
		h := im.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { c.handler(w) }))
		req, _ := http.NewRequest("GET", "http://api.example/", nil)
		if c.upgrade {
			req.Header.Set("Connection", "Upgrade")
			req.Header.Set("Upgrade", "websocket")
		}
		w := newStatusWriter()
		defer func() {
			status := "nothing"
			if w.status != 0 {
				status = fmt.Sprint(w.status)
			}
			verdict = "status " + status
			if v := recover(); v != nil {
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					verdict += ", panics http.ErrAbortHandler"
				} else {
					verdict += fmt.Sprintf(", panics %v", v)
				}
			}
		}()
		h.ServeHTTP(w, req)
		return ""
	})
}

type requestIDCase struct {
	name, incoming string
}

var requestIDCases = []requestIDCase{
	{"no incoming id", ""},
	{"a sane incoming id", "req-7f3a9c"},
	{"an incoming id with a space and a quote", `x" level=ERROR msg="forged`},
	{"an incoming id of 100 characters", strings.Repeat("a", 100)},
}

// TestCompareRequestID compares the id a handler reads (a new one, or the
// one the request came with) and whether the answer carries it in
// X-Request-Id, for ours with the default options (incoming ids ignored),
// ours trusting incoming ids, and chi's RequestID.
func TestCompareRequestID(t *testing.T) {
	names := make([]string, len(requestIDCases))
	for i, c := range requestIDCases {
		names[i] = c.name
	}
	for _, ours := range []impl{
		{"velocy", middleware.RequestID(middleware.RequestIDOptions{})},
		{"velocy TrustIncoming", middleware.RequestID(middleware.RequestIDOptions{TrustIncoming: true})},
	} {
		area := "request id"
		if ours.name != "velocy" {
			area = "request id (TrustIncoming)"
		}
		compareArea(t, area, names, []impl{ours, {"chi", chimw.RequestID}}, func(i int, im impl) string {
			c := requestIDCases[i]
			var id string
			h := im.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if im.name == "chi" {
					id = chimw.GetReqID(r.Context())
				} else {
					id = middleware.RequestIDFrom(r.Context())
				}
			}))
			req, _ := http.NewRequest("GET", "http://api.example/", nil)
			if c.incoming != "" {
				req.Header.Set("X-Request-Id", c.incoming)
			}
			w := newStatusWriter()
			h.ServeHTTP(w, req)
			var v string
			switch {
			case id == "":
				v = "no id"
			case id == c.incoming:
				v = "the incoming id"
			default:
				v = "a new id"
			}
			return v + ", in the answer: " + yesNo(w.h.Get("X-Request-Id") == id && id != "")
		})
	}
}
