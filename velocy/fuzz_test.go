package velocy

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// FuzzRouterVsServeMux serves the same requests with velocy and with
// http.ServeMux holding the same routes, and checks that whenever ServeMux
// finds a route velocy finds the same one with the same path values.
//
// The route set avoids what the two do differently on purpose: ServeMux
// treats a pattern ending in a slash as a whole subtree (velocy matches it
// exactly; ServeMux needs {$} for that), cleans paths with redirects, and
// refuses pairs of routes that velocy orders by its static-first rule.
// Inputs where ServeMux redirects are skipped, and so are those whose
// escapes hide dot segments, which velocy refuses; where ServeMux answers 404
// or 405, velocy may redirect to the path with or without a trailing slash.
func FuzzRouterVsServeMux(f *testing.F) {
	velocyRouter, mux := New(), http.NewServeMux()
	for _, rt := range matchRoutes {
		method, pattern, _ := strings.Cut(rt, " ")
		velocyRouter.HandleFunc(method, pattern, echo)
		if strings.HasSuffix(pattern, "/") {
			pattern += "{$}"
		}
		mux.HandleFunc(method+" "+pattern, func(w http.ResponseWriter, req *http.Request) {
			req.Pattern = strings.TrimSuffix(strings.TrimPrefix(req.Pattern, method+" "), "{$}")
			echo(w, req)
		})
	}
	methods := []string{"GET", "POST", "HEAD", "PUT", "DELETE"}
	for _, seed := range []string{"/users/new/profile", "/users/a%2Fb", "/files/a/b", "/a/b/c/e", "/caf%C3%A9/x", "/enc/a%2fb", "/users/", "/x/1/2"} {
		f.Add(uint8(0), seed)
	}
	f.Fuzz(func(t *testing.T, m uint8, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") {
			return
		}
		if hasSegment(u.EscapedPath(), "%2F") {
			// ServeMux stands for a trailing slash with a "/" segment, so it
			// takes a segment that is just an escaped slash for one:
			// "/%2F" matches "/{$}". velocy does not.
			return
		}
		method := methods[int(m)%len(methods)]
		serve := func(h http.Handler) *httptest.ResponseRecorder {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, &http.Request{Method: method, URL: u, Host: "example.com", Header: http.Header{}})
			return w
		}
		want, got := serve(mux), serve(velocyRouter)
		switch {
		case want.Code/100 == 3:
			return // ServeMux cleans or redirects; velocy need not
		case !cleanPath(u.Path):
			// Escapes hide a dot segment or an empty one ("/a/%2E",
			// "/a/%2F%2F"): ServeMux hands it to a wildcard, velocy on
			// purpose does not.
			return
		case (want.Code == http.StatusNotFound || want.Code == http.StatusMethodNotAllowed) &&
			(got.Code == http.StatusMovedPermanently || got.Code == http.StatusPermanentRedirect):
			return // velocy's trailing-slash redirect, for any method
		case got.Code != want.Code:
			t.Fatalf("%s %q: velocy = %d %q, ServeMux = %d %q", method, target, got.Code, got.Body, want.Code, want.Body)
		case got.Code == http.StatusOK && got.Body.String() != want.Body.String():
			t.Fatalf("%s %q: velocy served %q, ServeMux %q", method, target, got.Body, want.Body)
		case got.Code == http.StatusMethodNotAllowed && withoutOptions(got.Header().Get("Allow")) != want.Header().Get("Allow"):
			t.Fatalf("%s %q: velocy Allow %q, ServeMux %q", method, target, got.Header().Get("Allow"), want.Header().Get("Allow"))
		}
	})
}

// FuzzRouterRawPath builds requests with any raw path and checks that
// serving never panics, never answers with a 5xx, never redirects off the
// site, and never hands a handler a path value that starts with a slash or
// holds a "." or ".." segment.
func FuzzRouterRawPath(f *testing.F) {
	var bad string // the first unsafe value a handler saw
	checkValues := func(w http.ResponseWriter, req *http.Request) {
		for _, name := range wildcardNames(req.Pattern) {
			v := req.PathValue(name)
			for _, seg := range strings.Split(v, "/") {
				if seg == "." || seg == ".." || strings.HasPrefix(v, "/") {
					bad = req.Pattern + " " + name + "=" + strconv.Quote(v)
				}
			}
		}
		echo(w, req)
	}
	r := New()
	for _, rt := range matchRoutes {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, checkValues)
	}
	sub := New()
	sub.Get("/{y...}", checkValues)
	r.Mount("/m/{x}", sub)
	for _, seed := range []string{"/users/%zz", "/a%2F/b", "//x", "/m/a%2Fb/c", "/files/%", "/\\x/", "/files/%2e%2E/x", "/m/..%2F/x", "/files/a%2F%2Fb"} {
		f.Add(seed, seed)
	}
	f.Fuzz(func(t *testing.T, path, rawPath string) {
		for _, u := range []*url.URL{{Path: path}, {Path: path, RawPath: rawPath}} {
			bad = ""
			w := httptest.NewRecorder()
			r.ServeHTTP(w, &http.Request{Method: "GET", URL: u, Header: http.Header{}})
			if w.Code >= 500 {
				t.Fatalf("GET Path %q RawPath %q = %d, want no 5xx", u.Path, u.RawPath, w.Code)
			}
			if loc := w.Header().Get("Location"); strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
				t.Fatalf("GET Path %q RawPath %q redirects to %q, which leaves the site", u.Path, u.RawPath, loc)
			}
			if bad != "" {
				t.Fatalf("GET Path %q RawPath %q reached %s: a dot segment or a leading slash in a path value", u.Path, u.RawPath, bad)
			}
		}
	})
}

// withoutOptions drops OPTIONS from an Allow header: velocy lists it because
// it answers OPTIONS; ServeMux does not.
func withoutOptions(allow string) string {
	methods := strings.Split(allow, ", ")
	return strings.Join(slices.DeleteFunc(methods, func(m string) bool { return m == "OPTIONS" }), ", ")
}

// hasSegment reports whether the escaped path p has a segment equal to seg,
// ignoring case.
func hasSegment(p, seg string) bool {
	for _, s := range strings.Split(p, "/") {
		if strings.EqualFold(s, seg) {
			return true
		}
	}
	return false
}
