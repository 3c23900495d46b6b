package injection

import (
	"bufio"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/safenet"
)

// rawResponse sends GET path to h over loopback and returns the response
// head exactly as it crossed the wire.
func rawResponse(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	s := httptest.NewServer(h)
	defer s.Close()
	c, err := net.Dial("tcp", s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	b, err := io.ReadAll(bufio.NewReader(c))
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(b), "\r\n\r\n")
	return head
}

// echoHeader puts the query's v into response headers the naive way.
var echoHeader = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("v")
	w.Header().Set("X-User", v)
	w.Header().Set("Content-Disposition", `attachment; filename="`+v+`"`)
})

func TestServerTurnsNewlinesIntoSpaces(t *testing.T) {
	head := rawResponse(t, echoHeader, "/?v="+url.QueryEscape("a\r\nSet-Cookie: session=attacker"))
	for _, line := range strings.Split(head, "\r\n") {
		if strings.HasPrefix(strings.ToLower(line), "set-cookie") {
			t.Fatalf("response splitting worked:\n%s", head)
		}
	}
	if !strings.Contains(head, "X-User: a  Set-Cookie: session=attacker") {
		t.Fatalf("want the newline as spaces:\n%s", head)
	}
}

func TestClientRefusesNewlinesInHeaders(t *testing.T) {
	s := httptest.NewServer(http.NotFoundHandler())
	defer s.Close()
	req, _ := http.NewRequest("GET", s.URL, nil)
	req.Header.Set("X-User", "a\r\nX-Admin: 1")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the client sent a header value with CR LF")
	}
}

func TestContentDispositionParameterInjection(t *testing.T) {
	name := `report.pdf"; filename*=UTF-8''evil.html; x="`
	head := rawResponse(t, echoHeader, "/?v="+url.QueryEscape(name))
	var cd string
	for _, line := range strings.Split(head, "\r\n") {
		if v, ok := strings.CutPrefix(line, "Content-Disposition: "); ok {
			cd = v
		}
	}
	_, params, err := mime.ParseMediaType(cd)
	if err != nil {
		t.Fatal(err)
	}
	// RFC 6266: filename* wins over filename; Go's parser agrees.
	if params["filename"] != "evil.html" {
		t.Fatalf("naive header %q gives filename %q, want the injected evil.html", cd, params["filename"])
	}

	// The fix: let mime quote (or encode) the value.
	for _, name := range []string{name, "résumé.pdf", "a\r\nb.txt", `back\slash".txt`} {
		safe := mime.FormatMediaType("attachment", map[string]string{"filename": name})
		_, params, err := mime.ParseMediaType(safe)
		if err != nil || params["filename"] != name || len(params) != 1 {
			t.Errorf("FormatMediaType(%q) = %q, parsed back as %v, %v", name, safe, params, err)
		}
	}
}

func TestRedirectTrustsItsTarget(t *testing.T) {
	next := "//evil.example/login"
	rec := httptest.NewRecorder()
	http.Redirect(rec, httptest.NewRequest("GET", "/login?next="+url.QueryEscape(next), nil), next, http.StatusSeeOther)
	if got := rec.Header().Get("Location"); got != next {
		t.Fatalf("http.Redirect Location = %q, want it to pass %q through unchecked", got, next)
	}
	rec = httptest.NewRecorder()
	safenet.Redirect(rec, httptest.NewRequest("GET", "/login", nil), next, "/account", 0)
	if got := rec.Header().Get("Location"); got != "/account" {
		t.Fatalf("safenet.Redirect Location = %q, want the fallback", got)
	}
}

func TestSetCookieDropsSeparators(t *testing.T) {
	rec := httptest.NewRecorder()
	http.SetCookie(rec, &http.Cookie{Name: "theme", Value: "dark; Domain=evil.example; Path=/", HttpOnly: true})
	got := rec.Header().Get("Set-Cookie")
	if strings.Contains(got, "; Domain=evil") {
		t.Fatalf("Set-Cookie = %q: an attribute was injected", got)
	}
}
