package clients

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// chromium returns the path of a Chromium (or Chrome) binary.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	require(t, "no chromium in PATH (apt-get install chromium)")
	return ""
}

// newBrowser starts headless Chromium for the test and returns a context
// for its tab, bounded by hang. The test's end stops the browser.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	profile, err := os.MkdirTemp("", "ws-clients-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", "new"),
		chromedp.NoSandbox, // as root in a container, Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(900, 700),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() {
		cancelBrowser() // stops the browser, and waits for it
		cancelAlloc()
		removeProfile(t, profile)
	})
	// The first Run starts the browser, and must not carry a timeout: the
	// browser lives as long as that context.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	ctx, cancel := context.WithTimeout(bctx, hang)
	t.Cleanup(cancel)
	return ctx
}

// removeProfile removes Chromium's profile directory. Its helper processes
// may still write there for a moment after the browser exits, so a
// "directory not empty" is tried again, for a while.
func removeProfile(t *testing.T, dir string) {
	var err error
	for range 50 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("leaving %s: %v", dir, err)
}

// TestBrowser drives the chat page in headless Chromium: it signs in,
// joins a room, and talks with a Go client (velocy/ws's Dial) in the same
// room, each seeing the other's messages. If WS_SCREENSHOT names a file,
// the page is saved there as a PNG at the end.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	srv := startChat(t)

	page := &browserPage{t: t, ctx: ctx}
	shot := os.Getenv("WS_SCREENSHOT")
	defer func() { // the page as the failure left it
		if t.Failed() {
			page.screenshot(shot)
		}
	}()

	page.do("open the page and sign in",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("nick"), "chromium"),
		chromedp.Click(chromedp.ID("login-button")),
		chromedp.WaitVisible(chromedp.ID("chat")),
	)
	if cookies := page.eval("document.cookie"); strings.Contains(cookies, "session=") {
		t.Errorf("the page's script can read the session cookie: %q", cookies)
	}
	page.do("join the room",
		chromedp.SetValue(chromedp.ID("room"), "web"),
		chromedp.Click(chromedp.ID("join-button")),
	)
	page.waitFor("join", "chromium", "chromium joined")

	gopher := dialChat(t, srv.URL, "gopher", "web")
	gopher.expect("join", "gopher", "gopher joined")
	page.waitFor("join", "gopher", "gopher joined")

	page.do("send a message",
		chromedp.SendKeys(chromedp.ID("text"), "hello from chromium ✓"),
		chromedp.Click(chromedp.ID("send-button")),
	)
	page.waitFor("message", "chromium", "hello from chromium ✓")
	gopher.expect("message", "chromium", "hello from chromium ✓")

	gopher.say("hello from Go")
	gopher.expect("message", "gopher", "hello from Go")
	page.waitFor("message", "gopher", "hello from Go")

	// A message is text, never markup: the page must not make a <b> of it.
	gopher.say("<b>not bold</b>")
	gopher.expect("message", "gopher", "<b>not bold</b>")
	page.waitFor("message", "gopher", "<b>not bold</b>")
	if n := page.eval(`String(document.querySelectorAll("#messages b").length)`); n != "0" {
		t.Errorf("a message became markup: %s <b> elements in the list", n)
	}

	page.screenshot(shot) // the conversation

	// The browser leaves: the Go client hears it.
	page.do("sign out", chromedp.Click(chromedp.ID("logout")), chromedp.WaitVisible(chromedp.ID("login")))
	gopher.expect("leave", "chromium", "chromium left")
}

// browserPage runs actions on the chat page, failing the test with what
// the page shows when one fails.
type browserPage struct {
	t   *testing.T
	ctx context.Context
}

func (p *browserPage) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v\nthe page's messages: %s", what, err, p.messages())
	}
}

// eval evaluates a JavaScript expression whose value is a string.
func (p *browserPage) eval(expr string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor waits until the page's message list shows a message of type typ
// from from whose text is text.
func (p *browserPage) waitFor(typ, from, text string) {
	p.t.Helper()
	want, _ := json.Marshal(map[string]string{"type": typ, "from": from, "text": text})
	expr := fmt.Sprintf(`((w) => [...document.querySelectorAll("#messages li")].some(li =>
		li.className === w.type && li.dataset.from === w.from &&
		li.lastChild && li.lastChild.nodeType === Node.TEXT_NODE && li.lastChild.data === w.text))(%s)`, want)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(hang))); err != nil {
		p.t.Fatalf("the page never showed %s: %v\nits messages: %s", want, err, p.messages())
	}
}

// messages returns the text of the page's message list, for failures.
func (p *browserPage) messages() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`[...document.querySelectorAll("#messages li")].map(li => li.className + ": " + li.textContent).join("\n")`))
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return "\n" + v
}

// screenshot saves the page as a PNG in path, if path is not "".
func (p *browserPage) screenshot(path string) {
	p.t.Helper()
	if path == "" || p.ctx.Err() != nil {
		return
	}
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		p.t.Errorf("screenshot: %v", err)
		return
	}
	p.t.Logf("screenshot in %s", path)
}

// goChatter is a chat client written with velocy/ws's own Dial.
type goChatter struct {
	t          *testing.T
	nick, room string
	conn       *ws.Conn
}

// dialChat signs nick in over HTTP and opens room's WebSocket with the
// session cookie, from the page's origin as a browser would.
func dialChat(t *testing.T, base, nick, room string) *goChatter {
	t.Helper()
	res, err := http.PostForm(base+"/login", url.Values{"nickname": {nick}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var cookie string
	for _, c := range res.Cookies() {
		if c.Name == "session" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if res.StatusCode != http.StatusOK || cookie == "" {
		t.Fatalf("login %s: %d, cookies %v", nick, res.StatusCode, res.Header["Set-Cookie"])
	}
	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	h := http.Header{"Cookie": {cookie}, "Origin": {base}}
	conn, _, err := ws.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/ws?room="+room, &ws.DialOptions{Header: h})
	if err != nil {
		t.Fatalf("dial %s as %s: %v", room, nick, err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	return &goChatter{t: t, nick: nick, room: room, conn: conn}
}

func (c *goChatter) say(text string) {
	c.t.Helper()
	b, _ := json.Marshal(map[string]string{"text": text})
	if err := c.conn.WriteMessage(ws.TextMessage, b); err != nil {
		c.t.Fatalf("%s: write: %v", c.nick, err)
	}
}

// expect reads the next message and checks it.
func (c *goChatter) expect(typ, from, text string) {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(hang))
	_, data, err := c.conn.ReadMessage()
	if err != nil {
		var ce *ws.CloseError
		if errors.As(err, &ce) {
			c.t.Fatalf("%s: closed with %d %q", c.nick, ce.Code, ce.Reason)
		}
		c.t.Fatalf("%s: read: %v", c.nick, err)
	}
	var m struct{ Type, Room, From, Text, At string }
	if err := json.Unmarshal(data, &m); err != nil {
		c.t.Fatalf("%s: %q: %v", c.nick, data, err)
	}
	if m.Type != typ || m.From != from || m.Text != text || m.Room != c.room || m.At == "" {
		c.t.Fatalf("%s got %s, want %s from %q in %s: %q", c.nick, data, typ, from, c.room, text)
	}
}
