package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

// served starts the fixture site with check buttons on a workspace in a temporary folder.
func served(t *testing.T) (*httptest.Server, *learner, *workbook.Workbook) {
	t.Helper()
	wb, err := workbook.Open(filepath.Join(t.TempDir(), "ws"), fixture.Book())
	if err != nil {
		t.Fatal(err)
	}
	l := newLearner(wb)
	srv := httptest.NewServer(fixtureSite(t, true).handler(l, nil))
	t.Cleanup(srv.Close)
	return srv, l, wb
}

func do(t *testing.T, srv *httptest.Server, method, path string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	return res, string(b)
}

var asJSON = http.Header{"Accept": {"application/json"}}

func checkStep(t *testing.T, srv *httptest.Server, id string) Verdict {
	t.Helper()
	h := asJSON.Clone()
	h.Set("Origin", srv.URL) // what a browser sends from the page
	h.Set("Sec-Fetch-Site", "same-origin")
	res, body := do(t, srv, http.MethodPost, "/check/"+id, h)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /check/%s: %d %s", id, res.StatusCode, body)
	}
	var v Verdict
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("POST /check/%s: %v in %q", id, err, body)
	}
	return v
}

// TestCheck presses the button of a step twice: on the starter it fails with the check's own
// message, on the reference it passes, and the sidebar and the progress file say so.
func TestCheck(t *testing.T) {
	t.Parallel() // it waits on go test, or builds the whole book: let the quick tests run meanwhile
	srv, _, wb := served(t)
	v := checkStep(t, srv, "01.01-add")
	if v.Passed || v.Status != "failed" || !strings.Contains(v.Details, "Add(2, 3) = 0, want 5") {
		t.Errorf("the starter's verdict = %+v, want failed with the check's message", v)
	}
	_, page := do(t, srv, http.MethodGet, "/ch01/01.01-calc.html", nil)
	mustContain(t, "the lesson after a failed check", page, `<span class="mark failed" data-mark="01.01-add">✗</span>`)

	ref := fixture.Book().Steps[0].Solution[0]
	if err := os.WriteFile(wb.Path(ref.Path), ref.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if v := checkStep(t, srv, "01.01-add"); !v.Passed || v.Headline == "" || v.Details != "" {
		t.Errorf("the reference's verdict = %+v, want passed", v)
	}
	_, page = do(t, srv, http.MethodGet, "/ch01/01.01-calc.html", nil)
	mustContain(t, "the lesson after a passing check", page,
		`<span class="mark passed" data-mark="01.01-add">✓</span>`,
		`<span class="mark current" data-mark="01.02-sub">→</span>`,
		`<progress value="1" max="3"></progress> 1 of 3 steps`,
		`Next: <a href="../ch01/01.01-calc.html#step-01.02-sub">Subtract</a>`)
	data, err := os.ReadFile(wb.ProgressPath())
	if err != nil || !strings.Contains(string(data), `"passed"`) {
		t.Errorf("progress file after a pass: %v %s", err, data)
	}
}

// TestCheckWithoutScript posts the form as a browser without JavaScript does: the answer is a
// page with the verdict and a way back.
func TestCheckWithoutScript(t *testing.T) {
	t.Parallel() // it waits on go test, or builds the whole book: let the quick tests run meanwhile
	srv, _, _ := served(t)
	res, body := do(t, srv, http.MethodPost, "/check/02.01-greet", http.Header{"Origin": {srv.URL}})
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("POST without Accept: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	mustContain(t, "the verdict page", body, `class="verdict fail"`, `Greet(&#34;Ada&#34;) = &#34;&#34;`,
		`href="../ch02/02.01-greet.html#step-02.01-greet"`, `href="../static/style.css"`)
}

func TestCheckRefusals(t *testing.T) {
	srv, l, _ := served(t)
	cases := []struct {
		name, method, path string
		header             http.Header
		want               int
	}{
		{"from another site", "POST", "/check/01.01-add", http.Header{"Sec-Fetch-Site": {"cross-site"}}, http.StatusForbidden},
		{"another origin, older browser", "POST", "/check/01.01-add", http.Header{"Origin": {"http://evil.example"}}, http.StatusForbidden},
		{"GET", "GET", "/check/01.01-add", nil, http.StatusNotFound},
		{"an unknown step", "POST", "/check/09.09-nope", nil, http.StatusNotFound},
		{"a prefix, not an id", "POST", "/check/01.01", nil, http.StatusNotFound},
		{"a rebound name", "GET", "/", http.Header{"Host": {"evil.example"}}, http.StatusMisdirectedRequest},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, nil)
		for k, v := range c.header {
			req.Header[k] = v
		}
		if h := c.header.Get("Host"); h != "" {
			req.Host = h
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != c.want {
			t.Errorf("%s: %s %s = %d, want %d", c.name, c.method, c.path, res.StatusCode, c.want)
		}
	}

	// One check at a time: while one holds the workbook, another is told to come back.
	l.busy <- struct{}{}
	res, _ := do(t, srv, http.MethodPost, "/check/01.01-add", asJSON)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("a check during a check = %d (Retry-After %q), want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// Pages still draw while a check runs, from the last snapshot.
	if res, _ := do(t, srv, http.MethodGet, "/ch01/01.01-calc.html", nil); res.StatusCode != http.StatusOK {
		t.Errorf("a page during a check = %d", res.StatusCode)
	}
	<-l.busy
}

// TestBadPaths tries to leave the site: every attempt ends in a 404 that shows nothing.
func TestBadPaths(t *testing.T) {
	srv, _, _ := served(t)
	for _, p := range []string{
		"/../../../etc/passwd", "/ch01/../../go.mod", "/ch01/..%2f..%2fgo.mod", "/%2e%2e/%2e%2e/etc/passwd",
		"/assets/../secret.txt", "/assets/..%2fsecret.txt", "/assets/ch02/../../secret.txt", "/assets/assets.go/",
		"/src/secret.txt.html", "/src/../secret.txt", "/src/velocy/db/db.go.html", "/src/velocy/doc.go",
		"/src/velocy/doc.go.html/index.html", "/static/../layout.html", "/static/%2e%2e%2flayout.html",
		"/ch01/01.01-calc.md", "/ch09/index.html", "/nope.html", "/ch01/01.01-calc.html/x",
	} {
		res, body := do(t, srv, http.MethodGet, p, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
		}
		mustNotContain(t, "GET "+p, body, "do not serve me", "{{", "package ")
	}
	// What the lessons link to is served.
	for _, p := range []string{"/src/velocy/doc.go.html", "/src/velocy/db/index.html", "/assets/ch02/flow.svg"} {
		if res, _ := do(t, srv, http.MethodGet, p, nil); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", p, res.StatusCode)
		}
	}
}

func TestCheckWithoutWorkspace(t *testing.T) {
	srv := httptest.NewServer(fixtureSite(t, true).Handler(ServeOptions{}))
	defer srv.Close()
	if res, _ := do(t, srv, http.MethodPost, "/check/01.01-add", nil); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a check with no workspace = %d, want 503", res.StatusCode)
	}
}

func TestHeaders(t *testing.T) {
	srv, _, _ := served(t)
	res, _ := do(t, srv, http.MethodGet, "/", nil)
	for k, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Content-Type":            "text/html; charset=utf-8",
	} {
		if got := res.Header.Get(k); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	res, _ = do(t, srv, http.MethodGet, "/static/app.js", nil)
	if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("app.js served as %q", ct)
	}
}

func TestServedSearch(t *testing.T) {
	srv, _, _ := served(t)
	_, body := do(t, srv, http.MethodGet, "/search.html?q=needle+%3Cb%3E", nil)
	mustContain(t, "a search for a word and markup", body, `No section holds every word of “needle &lt;b&gt;”`, `value="needle &lt;b&gt;"`)
	_, body = do(t, srv, http.MethodGet, "/search.html?q=NEEDLE", nil)
	mustContain(t, "a search for needle", body, "3 sections hold every word", `href="ch01/01.01-calc.html#subtracting"`,
		`href="ch02/02.02-links.html#pitfalls-1"`)
}
