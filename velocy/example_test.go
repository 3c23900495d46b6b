package velocy_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// show sends one request to h and prints the status, the body and the
// headers that matter for routing.
func show(h http.Handler, method, target string) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	line := fmt.Sprintf("%s %s -> %d", method, target, w.Code)
	if body := strings.TrimSpace(w.Body.String()); body != "" {
		line += " " + body
	}
	if allow := w.Header().Get("Allow"); allow != "" {
		line += " (Allow: " + allow + ")"
	}
	if loc := w.Header().Get("Location"); loc != "" {
		line += " (Location: " + loc + ")"
	}
	fmt.Println(line)
}

func Example() {
	r := velocy.New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintln(w, "home")
	})
	r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "user %s\n", req.PathValue("id"))
	})
	r.Get("/users/new", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintln(w, "sign-up form")
	})
	r.Get("/static/{path...}", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "file %q\n", req.PathValue("path"))
	})

	show(r, "GET", "/")
	show(r, "GET", "/users/42")
	show(r, "GET", "/users/new")
	show(r, "GET", "/static/css/site.css")
	show(r, "POST", "/users/42")
	show(r, "GET", "/users/42/")
	show(r, "GET", "/nope")
	// Output:
	// GET / -> 200 home
	// GET /users/42 -> 200 user 42
	// GET /users/new -> 200 sign-up form
	// GET /static/css/site.css -> 200 file "css/site.css"
	// POST /users/42 -> 405 405 method not allowed (Allow: GET, HEAD, OPTIONS)
	// GET /users/42/ -> 301 (Location: /users/42)
	// GET /nope -> 404 404 page not found
}

func ExampleRouter_Handle() {
	r := velocy.New()
	r.Handle("PROPFIND", "/dav/{path...}", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "%s of %s", req.Pattern, req.PathValue("path"))
	}))
	show(r, "PROPFIND", "/dav/docs/report.txt")
	// Output:
	// PROPFIND /dav/docs/report.txt -> 200 /dav/{path...} of docs/report.txt
}

func ExampleRouter_Get() {
	r := velocy.New()
	r.Get("/repos/{owner}/{repo}", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "owner=%s repo=%s", req.PathValue("owner"), req.PathValue("repo"))
	})
	show(r, "GET", "/repos/learn-go/velocy")
	show(r, "HEAD", "/repos/learn-go/velocy") // GET routes answer HEAD; a real server drops the body
	show(r, "OPTIONS", "/repos/learn-go/velocy")
	// Output:
	// GET /repos/learn-go/velocy -> 200 owner=learn-go repo=velocy
	// HEAD /repos/learn-go/velocy -> 200 owner=learn-go repo=velocy
	// OPTIONS /repos/learn-go/velocy -> 204 (Allow: GET, HEAD, OPTIONS)
}

func ExampleRouter_Use() {
	logger := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			next.ServeHTTP(w, req)
			fmt.Printf("log: %s %s matched %q\n", req.Method, req.URL.Path, req.Pattern)
		})
	}
	r := velocy.New()
	r.Use(logger)
	r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) {})
	show(r, "GET", "/users/7")
	show(r, "GET", "/missing")
	// Output:
	// log: GET /users/7 matched "/users/{id}"
	// GET /users/7 -> 200
	// log: GET /missing matched ""
	// GET /missing -> 404 404 page not found
}

func ExampleRouter_Group() {
	requireToken := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if req.Header.Get("Authorization") == "" {
				http.Error(w, "no token", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, req)
		})
	}
	r := velocy.New()
	r.Get("/health", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "ok") })
	r.Group("/admin", func(admin *velocy.Router) {
		admin.Use(requireToken)
		admin.Delete("/users/{id}", func(w http.ResponseWriter, req *http.Request) {
			fmt.Fprintf(w, "deleted %s", req.PathValue("id"))
		})
	})
	show(r, "GET", "/health")
	show(r, "DELETE", "/admin/users/3")
	// The group owns the paths under /admin: the router's own answers
	// there go through requireToken too, and list nothing.
	show(r, "OPTIONS", "/admin/users/3")
	show(r, "GET", "/admin/nope")
	// Output:
	// GET /health -> 200 ok
	// DELETE /admin/users/3 -> 401 no token
	// OPTIONS /admin/users/3 -> 401 no token
	// GET /admin/nope -> 401 no token
}

func ExampleRouter_With() {
	limit := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("X-RateLimit-Limit", "10")
			next.ServeHTTP(w, req)
		})
	}
	r := velocy.New()
	r.With(limit).Post("/login", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "limit %s", w.Header().Get("X-RateLimit-Limit"))
	})
	r.Get("/", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "limit %q", w.Header().Get("X-RateLimit-Limit"))
	})
	show(r, "POST", "/login")
	show(r, "GET", "/")
	// Output:
	// POST /login -> 200 limit 10
	// GET / -> 200 limit ""
}

func ExampleRouter_Mount() {
	api := velocy.New()
	api.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "api sees %s, user %s", req.URL.Path, req.PathValue("id"))
	})
	api.Get("/docs/", func(w http.ResponseWriter, req *http.Request) {})
	r := velocy.New()
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			next.ServeHTTP(w, req)
			fmt.Printf("log: %s\n", req.Pattern) // the whole pattern, across the mount
		})
	})
	r.Mount("/api/v1", api)
	api.Get("/version", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "v1") }) // added later: still served
	show(r, "GET", "/api/v1/users/9")
	show(r, "GET", "/api/v1/version")
	show(r, "GET", "/api/v1/docs") // the mounted router's redirect keeps the prefix
	// Output:
	// log: /api/v1/users/{id}
	// GET /api/v1/users/9 -> 200 api sees /users/9, user 9
	// log: /api/v1/version
	// GET /api/v1/version -> 200 v1
	// log: /api/v1/*
	// GET /api/v1/docs -> 301 (Location: /api/v1/docs/)
}

func ExampleRouter_Routes() {
	r := velocy.New()
	r.Post("/users", func(http.ResponseWriter, *http.Request) {})
	r.Get("/users/{id}", func(http.ResponseWriter, *http.Request) {})
	r.Get("/users", func(http.ResponseWriter, *http.Request) {})
	r.Mount("/legacy", http.NotFoundHandler())
	for _, rt := range r.Routes() {
		fmt.Println(rt.Method, rt.Pattern)
	}
	// Output:
	// * /legacy/*
	// GET /users
	// POST /users
	// GET /users/{id}
}

func ExampleRouter_NotFound() {
	r := velocy.New()
	r.NotFound(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"error":"no route for %s"}`, req.URL.Path)
	}))
	show(r, "GET", "/nowhere")
	// Output:
	// GET /nowhere -> 404 {"error":"no route for /nowhere"}
}

func ExampleRouter_MethodNotAllowed() {
	r := velocy.New()
	r.Get("/report", func(http.ResponseWriter, *http.Request) {})
	r.MethodNotAllowed(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "use one of: "+w.Header().Get("Allow"), http.StatusMethodNotAllowed)
	}))
	show(r, "PUT", "/report")
	// Output:
	// PUT /report -> 405 use one of: GET, HEAD, OPTIONS (Allow: GET, HEAD, OPTIONS)
}

func ExamplePatternError() {
	r := velocy.New()
	defer func() {
		var pe *velocy.PatternError
		if err, ok := recover().(error); ok && errors.As(err, &pe) {
			fmt.Println(pe)
			fmt.Printf("offset %d: %s\n", pe.Offset, pe.Problem)
		}
	}()
	r.Get("/files/{path...}/raw", func(http.ResponseWriter, *http.Request) {})
	// Output:
	// velocy: GET "/files/{path...}/raw": at offset 7: catch-all {path...} must be the last segment
	// offset 7: catch-all {path...} must be the last segment
}

func ExampleParseQuery() {
	values, err := velocy.ParseQuery("q=caf%C3%A9+au+lait&tag=a&tag=b&empty=&flag")
	fmt.Println(values["q"], values["tag"], values.Has("empty"), values.Has("flag"), err)
	_, err = velocy.ParseQuery("a=1&b=%zz")
	fmt.Println(err)
	// Output:
	// [café au lait] [a b] true true <nil>
	// velocy: malformed percent-escape "%zz" in query pair "b=%zz"
}

func ExamplePathUnescape() {
	s, err := velocy.PathUnescape("caf%C3%A9+cr%C3%A8me%2Fbr%C3%BBl%C3%A9e")
	fmt.Println(s, err)
	// Output:
	// café+crème/brûlée <nil>
}

func ExampleQueryUnescape() {
	s, err := velocy.QueryUnescape("caf%C3%A9+cr%C3%A8me")
	fmt.Println(s, err)
	_, err = velocy.QueryUnescape("100%")
	fmt.Println(err)
	// Output:
	// café crème <nil>
	// velocy: malformed percent-escape "%" at offset 3
}

func ExampleServe() {
	r := velocy.New()
	r.Get("/hello", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "hello") })

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan error)
	go func() { done <- velocy.Serve(ctx, ln, r) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/hello")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status, string(body))

	stop() // as Ctrl-C would: finish what is in flight, then return
	fmt.Println("Serve returned", <-done)
	// Output:
	// 200 OK hello
	// Serve returned <nil>
}

func ExampleNewServer() {
	srv := velocy.NewServer("127.0.0.1:8080", velocy.New())
	fmt.Println(srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	// Output:
	// 10s 30s 1m0s 2m0s 65536
}

// A program that stops on Ctrl-C or SIGTERM, with a handler that streams
// for longer than the default write timeout allows.
func ExampleSignalContext() {
	r := velocy.New()
	r.Get("/events", func(w http.ResponseWriter, req *http.Request) {
		http.NewResponseController(w).SetWriteDeadline(time.Time{}) // this route streams
		for {
			select {
			case <-req.Context().Done(): // the client left, or the server is stopping
				return
			case <-time.After(time.Second):
				io.WriteString(w, "tick\n")
				http.NewResponseController(w).Flush()
			}
		}
	})
	ctx, stop := velocy.SignalContext(context.Background())
	defer stop()
	if err := velocy.ListenAndServe(ctx, "127.0.0.1:8080", r); err != nil {
		fmt.Println(err)
	}
}
