package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// tab runs actions in the browser's tab, failing the test with what went wrong.
type tab struct {
	t     *testing.T
	ctx   context.Context
	shots string // folder for screenshots; "" saves none
}

func (p *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v (at %s)", what, err, p.location())
	}
}

// eval evaluates a JavaScript expression whose value is a string.
func (p *tab) eval(expr string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// wait waits until a JavaScript expression is true. It asks again after an error too: while a
// click's navigation replaces the page, the old page's context is gone and the new one's not
// yet there.
func (p *tab) wait(what, expr string) {
	p.t.Helper()
	var last error
	for p.ctx.Err() == nil {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		select {
		case <-p.ctx.Done():
		case <-time.After(50 * time.Millisecond):
		}
	}
	p.t.Fatalf("waiting for %s: %v, last error %v (at %s)", what, p.ctx.Err(), last, p.location())
}

func (p *tab) location() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "an unknown page"
	}
	return loc
}

// viewport sets the size of the page, as a desktop window or a phone (touch; scale 1, so a
// screenshot is as many pixels as the viewport).
func (p *tab) viewport(w, h int64) {
	p.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if w < 500 {
		opts = append(opts, chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	p.do(fmt.Sprintf("a %dx%d viewport", w, h), chromedp.EmulateViewport(w, h, opts...))
}

// screenshot saves the viewport as name in the screenshot folder, if there is one.
func (p *tab) screenshot(name string) {
	p.t.Helper()
	if p.shots == "" {
		return
	}
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(filepath.Join(p.shots, name), png, 0o644)
	}
	if err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p.t.Logf("screenshot in %s", filepath.Join(p.shots, name))
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestServedBook reads the book as learn serve shows it: a lesson, a link to another lesson's
// heading, an anchor, the search, the check button, the theme switch, and the phone layout.
func TestServedBook(t *testing.T) {
	ctx, problems := newBrowser(t)
	b := loadBook(t)
	srv := b.serve(t)
	p := &tab{t: t, ctx: ctx, shots: os.Getenv("WEB_SCREENSHOTS")}
	if p.shots != "" {
		if err := os.MkdirAll(p.shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		if t.Failed() {
			p.screenshot("failure.png") // the page as the failure left it
		}
	}()
	step := b.steps.Steps[0]
	box := fmt.Sprintf(`document.getElementById(%s)`, js("step-"+step.ID))

	// A lesson with a step, at desktop size.
	p.viewport(1280, 800)
	p.do("open the first step's lesson", chromedp.Navigate(srv.URL+"/"+pageOf(step)))
	p.wait("the step's box", box+` !== null`)
	if got := p.eval(box + `.querySelector(".step-title").textContent`); !strings.Contains(got, step.ID) {
		t.Errorf("the step box's title = %q, want the step id %s", got, step.ID)
	}
	p.screenshot("lesson-1280x800.png")

	// An anchor in the page: the sidebar's link to the step scrolls to its box.
	p.do("click the sidebar's link to the step",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`nav.sidebar a[href$="#step-%s"]`, step.ID))))
	p.wait("the hash of the step", fmt.Sprintf(`location.hash === %s`, js("#step-"+step.ID)))
	p.wait("the step's box in view", inView(box))

	// A link to another lesson's heading (1.4 points back at a section of 1.1).
	p.do("open lesson 1.4", chromedp.Navigate(srv.URL+"/ch01/01.04-dns.html"))
	p.do("follow its link to 1.1's section on UDP",
		chromedp.Click(chromedp.CSS(`article a[href$="01.01-what-is-a-web-server.html#tcp-or-udp-reliability-has-a-price"]`)))
	p.wait("lesson 1.1 at the heading", `location.pathname.endsWith("/ch01/01.01-what-is-a-web-server.html") && `+
		`location.hash === "#tcp-or-udp-reliability-has-a-price"`)
	p.wait("the heading in view", inView(`document.getElementById("tcp-or-udp-reliability-has-a-price")`))

	// Search: type, submit, open the first hit.
	p.do("search for the lock-free histogram",
		chromedp.SetValue(chromedp.CSS(`form.search input[name="q"]`), "lock-free histogram"),
		chromedp.Submit(chromedp.CSS(`form.search input[name="q"]`)))
	p.wait("the results", `document.querySelectorAll("#search-results li a").length > 0`)
	first := p.eval(`document.querySelector("#search-results li a").href`)
	if !strings.Contains(first, "12.05-a-lock-free-histogram.html") {
		t.Errorf("the first hit for \"lock-free histogram\" is %s, want lesson 12.5", first)
	}
	p.screenshot("search-1280x800.png")
	p.do("open the first hit", chromedp.Click(chromedp.CSS(`#search-results li a`)))
	p.wait("the hit's page", fmt.Sprintf(`location.href === %s`, js(first)))

	// Check: the starter fails, with the check's own words, in the box and in the sidebar.
	p.do("back to the step", chromedp.Navigate(srv.URL+"/"+pageOf(step)+"#step-"+step.ID))
	p.do("press Check this step", chromedp.Click(chromedp.CSS(fmt.Sprintf(`[id="step-%s"] form.check button`, step.ID))))
	p.wait("the verdict", box+`.querySelector("output.verdict").className.match(/pass|fail/) !== null`)
	verdict := p.eval(box + `.querySelector("output.verdict").textContent`)
	if !strings.HasPrefix(verdict, "✗ failed") || !strings.Contains(verdict, "Test") {
		t.Errorf("the verdict on the starter = %q, want a failure naming its tests", verdict)
	}
	if mark := p.eval(fmt.Sprintf(`document.querySelector(%s).textContent`, js(`[data-mark="`+step.ID+`"]`))); mark != "✗" {
		t.Errorf("the sidebar's mark after the failed check = %q, want ✗", mark)
	}
	p.do("scroll to the verdict", chromedp.ScrollIntoView(chromedp.CSS(fmt.Sprintf(`[id="step-%s"]`, step.ID))))
	p.screenshot("check-1280x800.png")

	// A picture (chapter 0's charts, when the book has them): it loads, and its text fallback
	// is folded away.
	if page, ok := firstImage(t); ok {
		p.do("open a lesson with a picture", chromedp.Navigate(srv.URL+"/"+page))
		img := `document.querySelector('article img[src*="assets/"]')`
		p.wait("the picture loaded", img+`.complete && `+img+`.naturalWidth > 0`)
		p.do("scroll to the picture", chromedp.ScrollIntoView(chromedp.CSS(`article img[src*="assets/"]`)))
		p.screenshot("picture-1280x800.png")
	}

	// A table whose columns are aligned: right ("-webkit-right" in Chromium), under the
	// server's Content-Security-Policy.
	p.do("open lesson 6.4", chromedp.Navigate(srv.URL+"/ch06/06.04-why-a-trie.html"))
	p.wait("its table", `document.querySelector('td[align="right"]') !== null`)
	if got := p.eval(`getComputedStyle(document.querySelector('td[align="right"]')).textAlign`); !strings.HasSuffix(got, "right") {
		t.Errorf("a right-aligned cell's text-align = %q", got)
	}

	// Theme: the switch flips the colours, and the choice outlives a reload.
	bg := `getComputedStyle(document.body).backgroundColor`
	before := p.eval(bg)
	p.do("switch the theme", chromedp.Click(chromedp.ID("theme-toggle")))
	after := p.eval(bg)
	chosen := p.eval(`localStorage.getItem("theme") || ""`)
	if after == before || (chosen != "dark" && chosen != "light") {
		t.Errorf("the theme switch: background %s → %s, stored %q", before, after, chosen)
	}
	p.do("reload", chromedp.Reload())
	p.wait("the page", `document.readyState === "complete"`)
	if got := p.eval(bg); got != after {
		t.Errorf("after a reload the background is %s, want the chosen %s", got, after)
	}
	p.screenshot("lesson-" + chosen + "-1280x800.png")
	p.do("switch back", chromedp.Click(chromedp.ID("theme-toggle")))

	// A phone: the sidebar folds away behind the Contents button, and nothing is wider than
	// the screen.
	p.viewport(390, 844)
	p.do("open the lesson on a phone", chromedp.Navigate(srv.URL+"/"+pageOf(step)))
	p.wait("the page", `document.readyState === "complete"`)
	sidebar := `getComputedStyle(document.querySelector("nav.sidebar")).display`
	if got := p.eval(sidebar); got != "none" {
		t.Errorf("at 390px the sidebar's display is %q, want none", got)
	}
	if w := p.eval(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("at 390px the page is %s px wide", w)
	}
	p.screenshot("lesson-390x844.png")
	p.do("open the contents", chromedp.Click(chromedp.CSS(`label.nav-button`)))
	p.wait("the sidebar", sidebar+` === "block"`)
	p.screenshot("contents-390x844.png")

	for _, m := range problems() {
		t.Errorf("the page's console: %s", m)
	}
}

// TestExportedBook opens the exported site from disk: a page, a link, and the search, which
// runs in the page from search-index.js.
func TestExportedBook(t *testing.T) {
	ctx, problems := newBrowser(t)
	dir := loadBook(t).export(t)
	p := &tab{t: t, ctx: ctx}
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()

	p.do("open lesson 1.4 from disk", chromedp.Navigate(base+"ch01/01.04-dns.html"))
	p.do("follow its link to 1.1",
		chromedp.Click(chromedp.CSS(`article a[href$="01.01-what-is-a-web-server.html#tcp-or-udp-reliability-has-a-price"]`)))
	p.wait("lesson 1.1 at the heading", `location.pathname.endsWith("/ch01/01.01-what-is-a-web-server.html") && `+
		`document.getElementById("tcp-or-udp-reliability-has-a-price") !== null`)
	if n := p.eval(`String(document.querySelectorAll("form.check").length)`); n != "0" {
		t.Errorf("the exported lesson has %s check buttons", n)
	}
	p.do("search for the lock-free histogram",
		chromedp.SetValue(chromedp.CSS(`form.search input[name="q"]`), "lock-free histogram"),
		chromedp.Submit(chromedp.CSS(`form.search input[name="q"]`)))
	p.wait("the results", `document.querySelectorAll("#search-results li a").length > 0`)
	if first := p.eval(`document.querySelector("#search-results li a").href`); !strings.Contains(first, "12.05-a-lock-free-histogram.html") {
		t.Errorf("the first exported hit for \"lock-free histogram\" is %s, want lesson 12.5", first)
	}
	p.do("open the first hit", chromedp.Click(chromedp.CSS(`#search-results li a`)))
	p.wait("lesson 12.5", `location.pathname.endsWith("/ch12/12.05-a-lock-free-histogram.html")`)

	for _, m := range problems() {
		t.Errorf("the page's console: %s", m)
	}
}

// inView is a JavaScript expression: the element's top is on screen.
func inView(el string) string {
	return fmt.Sprintf(`((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })(%s)`, el)
}
