package httpcache

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestNoneMatch(t *testing.T) {
	tests := []struct {
		inm, etag string
		want      bool
	}{
		{`"a"`, `"a"`, true},
		{`"a"`, `"b"`, false},
		{`W/"a"`, `"a"`, true},
		{`"a"`, `W/"a"`, true},
		{`W/"a"`, `W/"a"`, true},
		{`"x", W/"a"`, `"a"`, true},
		{`"x","y" ,"a"`, `"a"`, true},
		{`"x,y"`, `"x,y"`, true},
		{`"x,y"`, `"x"`, false},
		{`*`, `"anything"`, true},
		{` * `, `W/"w"`, true},
		{`*`, ``, false},
		{`a`, `"a"`, false},
		{`"a`, `"a"`, false},
		{``, `"a"`, false},
		{`w/"a"`, `"a"`, false},
		{`""`, `""`, true},
	}
	for _, tt := range tests {
		if got := noneMatch(tt.inm, tt.etag); got != tt.want {
			t.Errorf("noneMatch(%q, %q) = %v, want %v", tt.inm, tt.etag, got, tt.want)
		}
	}
}

func TestETagAndNotModified(t *testing.T) {
	h := ETag(1 << 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"n":`+r.URL.Query().Get("n")+`}`)
	}))
	first := do(h, "GET", "/?n=1")
	tag := first.Header().Get("ETag")
	if first.Code != 200 || opaque(tag) == "" || strings.HasPrefix(tag, "W/") || first.Header().Get("Content-Length") != "7" {
		t.Fatalf("first: %d ETag %q Content-Length %q, want 200 with a strong tag and 7", first.Code, tag, first.Header().Get("Content-Length"))
	}
	if other := do(h, "GET", "/?n=2").Header().Get("ETag"); other == tag {
		t.Errorf("two bodies got the same tag %s", tag)
	}
	for _, inm := range []string{tag, "W/" + tag, `"zz", ` + tag, "*"} {
		w := do(h, "GET", "/?n=1", "If-None-Match", inm)
		if w.Code != 304 || w.Body.Len() != 0 || w.Header().Get("ETag") != tag || w.Header().Get("Content-Type") != "" {
			t.Errorf("If-None-Match %s: %d body %q ETag %q Content-Type %q, want 304, no body, the tag, no type", inm, w.Code, w.Body, w.Header().Get("ETag"), w.Header().Get("Content-Type"))
		}
	}
	if w := do(h, "GET", "/?n=2", "If-None-Match", tag); w.Code != 200 || w.Body.String() != `{"n":2}` {
		t.Errorf("changed body with the old tag: %d %q, want 200 and the body", w.Code, w.Body)
	}
	if w := do(h, "HEAD", "/?n=1", "If-None-Match", tag); w.Code != 304 {
		t.Errorf("HEAD with the tag: %d, want 304", w.Code)
	}
	if w := do(h, "POST", "/?n=1", "If-None-Match", "*"); w.Code != 200 || w.Header().Get("ETag") != "" {
		t.Errorf("POST: %d ETag %q, want 200 untouched", w.Code, w.Header().Get("ETag"))
	}
}

func TestETagKeepsHandlersTagAndStatus(t *testing.T) {
	h := ETag(1 << 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/own":
			w.Header().Set("ETag", `W/"v7"`)
			fmt.Fprint(w, "own")
		default:
			http.NotFound(w, r)
		}
	}))
	if w := do(h, "GET", "/own", "If-None-Match", `"v7"`); w.Code != 304 || w.Header().Get("ETag") != `W/"v7"` {
		t.Errorf("handler's weak tag, If-None-Match strong: %d %q, want 304 and the handler's tag", w.Code, w.Header().Get("ETag"))
	}
	if w := do(h, "GET", "/own"); w.Body.String() != "own" {
		t.Errorf("handler's tag, no condition: body %q", w.Body)
	}
	if w := do(h, "GET", "/missing", "If-None-Match", "*"); w.Code != 404 || w.Header().Get("ETag") != "" {
		t.Errorf("404: %d ETag %q, want 404 and no tag", w.Code, w.Header().Get("ETag"))
	}
}

func TestETagPastLimitStreams(t *testing.T) {
	h := ETag(10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "0123456")
		fmt.Fprint(w, "789abcdef")
	}))
	if w := do(h, "GET", "/"); w.Body.String() != "0123456789abcdef" || w.Header().Get("ETag") != "" {
		t.Errorf("past limit: body %q ETag %q, want the whole body and no tag", w.Body, w.Header().Get("ETag"))
	}
	flushing := ETag(1 << 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "event")
		w.(http.Flusher).Flush()
	}))
	if w := do(flushing, "GET", "/"); !w.Flushed || w.Header().Get("ETag") != "" || w.Body.String() != "event" {
		t.Errorf("flushed: flushed %v ETag %q body %q", w.Flushed, w.Header().Get("ETag"), w.Body)
	}
}

func TestCacheAnswersIfNoneMatch(t *testing.T) {
	var calls int
	h := New(newMemStore(), Options{})(ETag(1 << 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprint(w, "page")
	})))
	tag := do(h, "GET", "/").Header().Get("ETag")
	w := do(h, "GET", "/", "If-None-Match", "W/"+tag)
	if w.Code != 304 || calls != 1 || !strings.Contains(w.Header().Get("Cache-Status"), "hit") {
		t.Errorf("hit with If-None-Match: %d after %d calls, Cache-Status %q; want 304 from the cache", w.Code, calls, w.Header().Get("Cache-Status"))
	}
}

func FuzzNoneMatch(f *testing.F) {
	for _, s := range []string{`"a"`, `W/"a", "b"`, `*`, `"a,b"`, `W/`, `"`, `,,`} {
		f.Add(s, `"a"`)
	}
	f.Fuzz(func(t *testing.T, inm, etag string) {
		got := noneMatch(inm, etag)
		if opaque(etag) == "" && got && strings.TrimSpace(inm) != "*" {
			t.Fatalf("noneMatch(%q, %q) = true for a value that is no tag", inm, etag)
		}
		if o := opaque(etag); o != "" && !noneMatch(etag, etag) {
			t.Fatalf("noneMatch(%q, %q) = false: a tag must match itself", etag, etag)
		}
	})
}
