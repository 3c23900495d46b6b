package web

import (
	"bytes"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// ServeOptions configures Handler.
type ServeOptions struct {
	// Workbook is the learner's workspace: its progress marks the sidebar, and the check button
	// checks its steps. Nil: no marks, and no checks.
	Workbook *workbook.Workbook
	// Logger receives the access log and errors; nil discards them.
	Logger *slog.Logger
}

// csp allows the site's own files and nothing else: no inline script, no other origin.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// Handler serves the site: its pages, its static files and images, the search, and (with a
// workbook) the check endpoint. It answers only requests whose Host is an IP address or
// localhost, so a page elsewhere cannot reach it through DNS rebinding, and refuses a POST from
// another origin.
func (s *Site) Handler(o ServeOptions) http.Handler {
	var l *learner
	if o.Workbook != nil {
		l = newLearner(o.Workbook)
	}
	return s.handler(l, o.Logger)
}

func (s *Site) handler(l *learner, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	r := velocy.New()
	r.Use(
		middleware.RequestID(middleware.RequestIDOptions{}),
		middleware.AccessLog(logger),
		middleware.Recover(logger),
		middleware.SecureHeaders(middleware.SecureOptions{ContentSecurityPolicy: csp}),
		localHostOnly,
	)
	page := func(w http.ResponseWriter, req *http.Request, url string) {
		p, ok := s.byURL[url]
		if !ok {
			http.NotFound(w, req)
			return
		}
		var b bytes.Buffer
		if err := s.write(&b, p, view{Serve: true}, l.progress()); err != nil {
			logger.ErrorContext(req.Context(), "render", "page", url, "err", err)
			http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
			return
		}
		writeHTML(w, b.Bytes())
	}
	r.Get("/", func(w http.ResponseWriter, req *http.Request) { page(w, req, "index.html") })
	r.Get("/index.html", func(w http.ResponseWriter, req *http.Request) { page(w, req, "index.html") })
	r.Get("/{chapter}/", func(w http.ResponseWriter, req *http.Request) {
		page(w, req, req.PathValue("chapter")+"/index.html")
	})
	r.Get("/{chapter}/{file}", func(w http.ResponseWriter, req *http.Request) {
		page(w, req, req.PathValue("chapter")+"/"+req.PathValue("file"))
	})
	r.Get("/search.html", func(w http.ResponseWriter, req *http.Request) {
		var b bytes.Buffer
		if err := s.searchPage(&b, req.URL.Query().Get("q"), true, l.progress()); err != nil {
			http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
			return
		}
		writeHTML(w, b.Bytes())
	})
	r.Get("/static/{file}", func(w http.ResponseWriter, req *http.Request) {
		serveStatic(w, req, req.PathValue("file"))
	})
	r.Get("/assets/{path...}", func(w http.ResponseWriter, req *http.Request) {
		name := req.PathValue("path")
		if s.opts.Assets == nil || !isFile(s.opts.Assets, name) {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, req, s.opts.Assets, name)
	})
	r.Get("/src/{path...}", func(w http.ResponseWriter, req *http.Request) {
		var b bytes.Buffer
		if !s.sourcePage(&b, "src/"+req.PathValue("path"), l.progress()) {
			http.NotFound(w, req)
			return
		}
		writeHTML(w, b.Bytes())
	})
	check := http.NewCrossOriginProtection()
	r.Handle(http.MethodPost, "/check/{step}", check.Handler(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if l == nil {
			http.Error(w, "this server has no workspace to check", http.StatusServiceUnavailable)
			return
		}
		s.check(w, req, l, logger)
	})))
	return r
}

// localHostOnly refuses requests whose Host header is a name other than localhost: a browser
// sends the name it resolved, and a site that rebinds its name to 127.0.0.1 must not reach the
// server (or press its check button) under that name.
func localHostOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if host != "localhost" && net.ParseIP(host) == nil {
			http.Error(w, "this server answers to an IP address or localhost only", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeHTML(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(body)
}

// serveStatic serves one of the site's own files (style.css, app.js, theme.js).
func serveStatic(w http.ResponseWriter, r *http.Request, name string) {
	data, err := fs.ReadFile(staticFiles, "static/"+name)
	if err != nil || !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(data)
}
