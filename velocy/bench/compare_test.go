package bench

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/handlers"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/rs/cors"
)

// The behaviour comparison sends the same requests through velocy's
// middleware and through well-known ones (chi's middleware,
// gorilla/handlers, rs/cors, klauspost's gzhttp), reduces each answer to a
// verdict (what a browser, a cache or a log would make of it) and compares
// the verdicts. Where an answer differs on purpose, the difference is listed
// in expectedDiffs with a one-line reason, and README.md documents it; any
// other difference fails the test, and so does a listed difference that has
// gone away. Set VELOCY_BENCH_DIFFS=1 (with -v) to print the differences as the
// Markdown table of the README.

// An expectedDiff is a case where another library answers otherwise than
// ours, on purpose.
type expectedDiff struct {
	area, caseName, lib string
	reason              string
}

// impl is one middleware under comparison: a library's name and the
// handler h wrapped in it.
type impl struct {
	name string
	wrap func(h http.Handler) http.Handler
}

// compareArea runs every case through ours (impls[0]) and the others, and
// checks that the verdicts differ exactly where want says so.
func compareArea(t *testing.T, area string, caseNames []string, impls []impl, verdict func(i int, im impl) string) {
	t.Helper()
	want := map[string]expectedDiff{}
	for _, d := range expectedDiffs {
		if d.area == area {
			want[d.caseName+"|"+d.lib] = d
		}
	}
	seen := map[string]bool{}
	for i, name := range caseNames {
		ours := verdict(i, impls[0])
		for _, other := range impls[1:] {
			theirs := verdict(i, other)
			key := name + "|" + other.name
			d, listed := want[key]
			switch {
			case ours != theirs && !listed:
				t.Errorf("%s %s: ours %q, %s %q: an unexpected difference", area, name, ours, other.name, theirs)
			case ours == theirs && listed:
				t.Errorf("%s %s: ours and %s both %q, but expectedDiffs lists a difference (%s)", area, name, other.name, ours, d.reason)
			case listed:
				seen[key] = true
				diffRows = append(diffRows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s |", area, name, other.name, ours, theirs, d.reason))
			}
		}
	}
	for key, d := range want {
		if !seen[key] && !slices.Contains(caseNames, d.caseName) {
			t.Errorf("expectedDiffs lists %s %s for %s, a case that does not exist", area, d.caseName, d.lib)
		}
	}
}

// diffRows collects the Markdown rows of the differences met, for
// TestBehaviourDifferencesDocumented.
var diffRows []string

// TestBehaviourDifferencesDocumented checks that README.md gives every
// expected difference with its reason, and prints the table on demand.
func TestBehaviourDifferencesDocumented(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range expectedDiffs {
		if !strings.Contains(string(readme), d.reason) {
			t.Errorf("README.md does not give the reason for %s %s (%s): %q", d.area, d.caseName, d.lib, d.reason)
		}
	}
	if os.Getenv("VELOCY_BENCH_DIFFS") != "" {
		diffRows = nil
		t.Run("areas", func(t *testing.T) {
			TestCompareCORS(t)
			TestCompareCompress(t)
			TestCompareClientIP(t)
			TestCompareRecover(t)
			TestCompareRequestID(t)
		})
		fmt.Println("| area | case | library | ours | theirs | why |")
		fmt.Println("| --- | --- | --- | --- | --- | --- |")
		for _, row := range diffRows {
			fmt.Println(row)
		}
	}
}

// The CORS policy every library gets: two origins, four methods, three
// request headers, credentials, ten minutes of preflight cache, one exposed
// header.
var (
	corsOrigins = []string{"https://app.example", "https://admin.example"}
	corsMethods = []string{"GET", "POST", "PUT", "DELETE"}
	corsHeaders = []string{"Content-Type", "Authorization", "X-Request-Id"}
)

func corsImpls() []impl {
	rs := cors.New(cors.Options{
		AllowedOrigins:   corsOrigins,
		AllowedMethods:   corsMethods,
		AllowedHeaders:   corsHeaders,
		ExposedHeaders:   []string{"X-Request-Id"},
		AllowCredentials: true,
		MaxAge:           600,
	})
	return []impl{
		{"velocy", middleware.CORS(middleware.CORSOptions{
			AllowedOrigins:   corsOrigins,
			AllowedMethods:   corsMethods,
			AllowedHeaders:   corsHeaders,
			ExposedHeaders:   []string{"X-Request-Id"},
			AllowCredentials: true,
			MaxAge:           10 * time.Minute,
		})},
		{"rs/cors", rs.Handler},
		{"gorilla", handlers.CORS(
			handlers.AllowedOrigins(corsOrigins),
			handlers.AllowedMethods(corsMethods),
			handlers.AllowedHeaders(corsHeaders),
			handlers.ExposedHeaders([]string{"X-Request-Id"}),
			handlers.AllowCredentials(),
			handlers.MaxAge(600),
		)},
	}
}

// A corsCase is one request: a preflight when acrm (the method the page
// wants) is set, else a request sent as it is.
type corsCase struct {
	name, method, origin, acrm, acrh string
}

var corsCases = []corsCase{
	{"preflight PUT with Content-Type", "OPTIONS", "https://app.example", "PUT", "content-type"},
	{"preflight DELETE with two headers", "OPTIONS", "https://admin.example", "DELETE", "authorization,content-type"},
	{"preflight GET, no headers", "OPTIONS", "https://app.example", "GET", ""},
	{"preflight method not allowed", "OPTIONS", "https://app.example", "PATCH", ""},
	{"preflight header not allowed", "OPTIONS", "https://app.example", "PUT", "x-custom"},
	{"preflight origin not allowed", "OPTIONS", "https://evil.example", "PUT", "content-type"},
	{"preflight origin null", "OPTIONS", "null", "GET", ""},
	{"preflight origin on another port", "OPTIONS", "https://app.example:8443", "GET", ""},
	{"preflight origin as a prefix", "OPTIONS", "https://app.example.evil.net", "GET", ""},
	{"preflight origin over http", "OPTIONS", "http://app.example", "GET", ""},
	{"preflight origin in upper case", "OPTIONS", "https://APP.example", "PUT", "content-type"},
	{"preflight without Origin", "OPTIONS", "", "PUT", ""},
	{"OPTIONS that is no preflight", "OPTIONS", "https://app.example", "", ""},
	{"GET from an allowed origin", "GET", "https://app.example", "", ""},
	{"POST from an allowed origin", "POST", "https://admin.example", "", ""},
	{"GET from another origin", "GET", "https://evil.example", "", ""},
	{"GET without Origin", "GET", "", "", ""},
	{"PATCH from an allowed origin", "PATCH", "https://app.example", "", ""},
}

// TestCompareCORS compares what a browser concludes from each answer
// (whether the page may go on: send the real request after a preflight, or
// read the answer of a simple one, with credentials), whether the handler
// ran, and, for requests that are not preflights, whether the answer says
// Vary: Origin, which a shared cache needs when the answer depends on the
// origin.
func TestCompareCORS(t *testing.T) {
	names := make([]string, len(corsCases))
	for i, c := range corsCases {
		names[i] = c.name
	}
	compareArea(t, "cors", names, corsImpls(), func(i int, im impl) string {
		c := corsCases[i]
		reached := false
		h := im.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			reached = true
			w.WriteHeader(http.StatusOK)
		}))
		req, _ := http.NewRequest(c.method, "http://api.example/items", nil)
		if c.origin != "" {
			req.Header.Set("Origin", c.origin)
		}
		if c.acrm != "" {
			req.Header.Set("Access-Control-Request-Method", c.acrm)
		}
		if c.acrh != "" {
			req.Header.Set("Access-Control-Request-Headers", c.acrh)
		}
		w := newStatusWriter()
		h.ServeHTTP(w, req)
		var v []string
		if c.acrm != "" {
			v = append(v, "page "+allowWord(browserPreflightOK(w, c)))
		} else {
			v = append(v, "page "+allowWord(c.origin != "" && browserCORSOK(w.h, c.origin)))
			v = append(v, "vary-origin "+yesNo(headerHasToken(w.h, "Vary", "Origin")))
		}
		v = append(v, "handler "+yesNo(reached))
		return strings.Join(v, ", ")
	})
}

// browserCORSOK is the Fetch standard's CORS check for a request with
// credentials: the answer names the page's origin, exactly, and allows
// credentials.
func browserCORSOK(h http.Header, origin string) bool {
	acao := h.Values("Access-Control-Allow-Origin")
	return len(acao) == 1 && acao[0] == origin && h.Get("Access-Control-Allow-Credentials") == "true"
}

// browserPreflightOK is the Fetch standard's check of a preflight answer:
// an ok status (2xx), the CORS check, the method allowed (GET, HEAD and
// POST always are), and every requested header listed.
func browserPreflightOK(w *statusWriter, c corsCase) bool {
	if w.status < 200 || w.status > 299 || !browserCORSOK(w.h, c.origin) {
		return false
	}
	if c.acrm != "GET" && c.acrm != "HEAD" && c.acrm != "POST" &&
		!slices.Contains(headerTokens(w.h, "Access-Control-Allow-Methods", false), c.acrm) {
		return false
	}
	allowed := headerTokens(w.h, "Access-Control-Allow-Headers", true)
	for _, name := range strings.Split(c.acrh, ",") {
		if name = strings.TrimSpace(name); name != "" && !slices.Contains(allowed, strings.ToLower(name)) {
			return false
		}
	}
	return true
}

// headerTokens returns the comma-separated tokens of every line of header
// name, lower-cased if fold is set.
func headerTokens(h http.Header, name string, fold bool) []string {
	var tokens []string
	for _, line := range h.Values(name) {
		for tok := range strings.SplitSeq(line, ",") {
			if tok = strings.TrimSpace(tok); tok != "" {
				if fold {
					tok = strings.ToLower(tok)
				}
				tokens = append(tokens, tok)
			}
		}
	}
	return tokens
}

func headerHasToken(h http.Header, name, token string) bool {
	return slices.Contains(headerTokens(h, name, true), strings.ToLower(token))
}

func allowWord(ok bool) string {
	if ok {
		return "allowed"
	}
	return "refused"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// statusWriter records the status and the header and keeps the body, as
// httptest.ResponseRecorder does, but tells "nothing written" (status 0)
// from a 200.
type statusWriter struct {
	h      http.Header
	status int
	body   strings.Builder
}

func newStatusWriter() *statusWriter { return &statusWriter{h: http.Header{}} }

func (w *statusWriter) Header() http.Header { return w.h }

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(p)
}
