package middleware

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWrapReturnsTheSameWrapper(t *testing.T) {
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	if Wrap(rw) != rw {
		t.Fatal("Wrap(Wrap(w)) made a second wrapper; middlewares would count separately")
	}
	if rw.Unwrap() != rec {
		t.Fatal("Unwrap does not return the wrapped writer")
	}
}

func TestResponseWriterCountsEveryPath(t *testing.T) {
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	rw.Write([]byte("abc"))
	rw.WriteString("de")
	n, err := rw.ReadFrom(strings.NewReader("fghij"))
	if n != 5 || err != nil {
		t.Fatalf("ReadFrom = %d, %v", n, err)
	}
	if rw.Written() != 10 || rec.Body.String() != "abcdefghij" {
		t.Fatalf("Written = %d, body %q; want 10, abcdefghij", rw.Written(), rec.Body)
	}
	if rw.Status() != http.StatusOK {
		t.Fatalf("Status = %d after an implicit header, want 200", rw.Status())
	}
}

func TestResponseWriterFirstStatusWins(t *testing.T) {
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	if rw.Status() != 0 {
		t.Fatalf("Status before anything = %d, want 0", rw.Status())
	}
	rw.WriteHeader(http.StatusTeapot)
	rw.WriteHeader(http.StatusInternalServerError)
	if rw.Status() != http.StatusTeapot || rec.Code != http.StatusTeapot {
		t.Fatalf("Status = %d, recorder %d; want 418 for both", rw.Status(), rec.Code)
	}
}

func TestResponseWriterPassesInformationalStatus(t *testing.T) {
	var codes []int
	rw := Wrap(&codeRecorder{ResponseRecorder: httptest.NewRecorder(), codes: &codes})
	rw.WriteHeader(http.StatusEarlyHints) // informational: not the final status
	if rw.Status() != 0 {
		t.Fatalf("Status after 103 = %d, want 0 (a final status is still to come)", rw.Status())
	}
	rw.WriteHeader(http.StatusCreated)
	if rw.Status() != http.StatusCreated || len(codes) != 2 || codes[0] != 103 || codes[1] != 201 {
		t.Fatalf("Status = %d, codes sent %v; want 201, [103 201]", rw.Status(), codes)
	}
}

type codeRecorder struct {
	*httptest.ResponseRecorder
	codes *[]int
}

func (c *codeRecorder) WriteHeader(code int) { *c.codes = append(*c.codes, code) }

func TestBeforeHeaderRunsOnceInReverseOrder(t *testing.T) {
	rec := httptest.NewRecorder()
	rw := Wrap(rec)
	var order []string
	rw.BeforeHeader(func(status int) {
		order = append(order, "first")
		rw.Header().Set("X-Status-Seen", http.StatusText(status))
	})
	rw.BeforeHeader(func(int) { order = append(order, "second") })
	rw.Write([]byte("x"))
	rw.WriteHeader(http.StatusNotFound)
	rw.BeforeHeader(func(int) { order = append(order, "late") })
	rw.Flush()
	if got := strings.Join(order, ","); got != "second,first" {
		t.Fatalf("hooks ran %q, want second,first", got)
	}
	if rec.Header().Get("X-Status-Seen") != "OK" {
		t.Fatalf("a header set by a hook did not reach the response: %v", rec.Header())
	}
}

// noFlush is a ResponseWriter that can neither flush nor hijack nor ReadFrom.
type noFlush struct {
	h    http.Header
	body strings.Builder
}

func (n *noFlush) Header() http.Header         { return n.h }
func (n *noFlush) Write(p []byte) (int, error) { return n.body.Write(p) }
func (n *noFlush) WriteHeader(int)             {}

func TestResponseWriterReportsWhatItCannotDo(t *testing.T) {
	base := &noFlush{h: http.Header{}}
	rw := Wrap(base)
	if err := rw.FlushError(); !errors.Is(err, http.ErrNotSupported) {
		t.Errorf("FlushError = %v, want ErrNotSupported", err)
	}
	if _, _, err := rw.Hijack(); !errors.Is(err, http.ErrNotSupported) {
		t.Errorf("Hijack = %v, want ErrNotSupported", err)
	}
	// ReadFrom falls back to a plain copy, without calling itself.
	if n, err := rw.ReadFrom(strings.NewReader("hello")); n != 5 || err != nil || base.body.String() != "hello" {
		t.Errorf("ReadFrom = %d, %v, body %q", n, err, base.body.String())
	}
}

// TestResponseWriterKeepsServerFeatures runs a real server: a flush must
// reach the client before the handler returns, a hijack must hand over the
// connection, and a file must go out through the server's own ReadFrom.
func TestResponseWriterKeepsServerFeatures(t *testing.T) {
	release := make(chan struct{})
	file := filepath.Join(t.TempDir(), "f.txt")
	os.WriteFile(file, []byte(strings.Repeat("z", 10000)), 0o644)
	var fileWritten int64
	mux := http.NewServeMux()
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "data: one\n\n")
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("Flush through the wrapper: %v", err)
		}
		<-release
		io.WriteString(w, "data: two\n\n")
	})
	mux.HandleFunc("/hijack", func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("Hijack through the wrapper: %v", err)
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		brw.WriteString(strings.ToUpper(line))
		brw.Flush()
	})
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		f, _ := os.Open(file)
		defer f.Close()
		io.Copy(w, f)
		fileWritten = w.(*ResponseWriter).Written()
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(Wrap(w), r)
	}))
	defer srv.Close()

	res, err := http.Get(srv.URL + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(res.Body)
	first, err := br.ReadString('\n')
	if err != nil || first != "data: one\n" {
		t.Fatalf("first event = %q, %v: the flush did not reach the client", first, err)
	}
	close(release)
	res.Body.Close()

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(conn, "GET /hijack HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nhello\n")
	cr := bufio.NewReader(conn)
	res2, err := http.ReadResponse(cr, nil)
	if err != nil || res2.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade response: %v %v", res2, err)
	}
	if echo, _ := cr.ReadString('\n'); echo != "HELLO\n" {
		t.Fatalf("echo over the hijacked connection = %q, want HELLO", echo)
	}

	res3, err := http.Get(srv.URL + "/file")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res3.Body)
	res3.Body.Close()
	if len(body) != 10000 || fileWritten != 10000 {
		t.Fatalf("file: client got %d bytes, wrapper counted %d; want 10000", len(body), fileWritten)
	}
}

func TestChainOrder(t *testing.T) {
	var order []string
	tag := func(name string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				order = append(order, name+">")
				next.ServeHTTP(w, r)
				order = append(order, "<"+name)
			})
		}
	}
	h := Chain(tag("a"), tag("b"))(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { order = append(order, "h") }))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if got := strings.Join(order, " "); got != "a> b> h <b <a" {
		t.Fatalf("order %q, want a> b> h <b <a", got)
	}
}

func TestChainRefusesNil(t *testing.T) {
	for name, build := range map[string]func(){
		"nil middleware": func() { Chain(nil) },
		"nil handler":    func() { Chain(func(http.Handler) http.Handler { return nil })(http.NotFoundHandler()) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			build()
		}()
	}
}
