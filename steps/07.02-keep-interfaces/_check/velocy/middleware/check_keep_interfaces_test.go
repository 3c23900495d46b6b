package middleware

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// keepServer serves h through Wrap, the way middleware would.
func keepServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h(Wrap(w), r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestResponseWriterFlushesThrough(t *testing.T) {
	event := fmt.Sprintf("data: %d\n", rand.IntN(1e6))
	release := make(chan struct{})
	defer close(release)
	srv := keepServer(t, func(w http.ResponseWriter, r *http.Request) {
		if _, ok := w.(http.Flusher); !ok {
			http.Error(w, "the wrapper is not an http.Flusher", http.StatusInternalServerError)
			return
		}
		io.WriteString(w, event+"\n")
		http.NewResponseController(w).Flush()
		select { // hold the response open: the event must arrive before the end
		case <-release:
		case <-time.After(10 * time.Second):
		}
	})
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(srv.URL)
	if err != nil {
		t.Fatalf("GET: %v (the response did not start before the handler returned: was it flushed?)", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("status %d: %s", res.StatusCode, b)
	}
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	if line != event {
		t.Fatalf("first line = %q, %v; want %q before the handler returns: Flush must reach the writer underneath", line, err, event)
	}
}

func TestResponseWriterHijacksThrough(t *testing.T) {
	word := fmt.Sprintf("w%d", rand.IntN(1e6))
	srv := keepServer(t, func(w http.ResponseWriter, r *http.Request) {
		// Many websocket libraries ask for the interface itself rather
		// than going through http.ResponseController.
		hj, ok := w.(http.Hijacker)
		if !ok {
			http.Error(w, "the wrapper is not an http.Hijacker", http.StatusInternalServerError)
			return
		}
		conn, brw, err := hj.Hijack()
		if err != nil {
			http.Error(w, "Hijack through the wrapper: "+err.Error(), http.StatusInternalServerError)
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		brw.WriteString(strings.ToUpper(line))
		brw.Flush()
	})
	conn, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n%s\n", word)
	br := bufio.NewReader(conn)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("reading the upgrade response: %v", err)
	}
	if res.StatusCode != http.StatusSwitchingProtocols {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("status %d %s, want 101: the handler could not hijack the connection through the wrapper", res.StatusCode, b)
	}
	if echo, _ := br.ReadString('\n'); echo != strings.ToUpper(word)+"\n" {
		t.Fatalf("echo over the hijacked connection = %q, want %q", echo, strings.ToUpper(word)+"\n")
	}
}

// keepReaderFrom is a ResponseWriter whose ReadFrom records that it was used.
type keepReaderFrom struct {
	*httptest.ResponseRecorder
	used bool
}

func (k *keepReaderFrom) ReadFrom(r io.Reader) (int64, error) {
	k.used = true
	return io.Copy(k.ResponseRecorder, r)
}

func TestResponseWriterReadFromKeepsSendfile(t *testing.T) {
	body := strings.Repeat("x", 1+rand.IntN(5000))
	under := &keepReaderFrom{ResponseRecorder: httptest.NewRecorder()}
	var w http.ResponseWriter = Wrap(under)
	if _, ok := w.(io.ReaderFrom); !ok {
		t.Fatal("*ResponseWriter is not an io.ReaderFrom: io.Copy into it can no longer use the server's sendfile path")
	}
	// The struct hides the strings.Reader's WriteTo, which io.Copy would
	// prefer: a file sent by a handler has none that helps here either.
	n, err := io.Copy(w, struct{ io.Reader }{strings.NewReader(body)})
	if err != nil || n != int64(len(body)) || under.Body.Len() != len(body) {
		t.Fatalf("io.Copy of %d bytes = %d, %v; the writer underneath got %d", len(body), n, err, under.Body.Len())
	}
	if !under.used {
		t.Error("io.Copy into the wrapper did not reach the ReadFrom of the writer underneath")
	}
	if got := w.(*ResponseWriter).Written(); got != int64(len(body)) {
		t.Errorf("Written() after ReadFrom = %d, want %d: count every path", got, len(body))
	}
	if w.(*ResponseWriter).Status() != http.StatusOK {
		t.Errorf("Status() after ReadFrom = %d, want 200", w.(*ResponseWriter).Status())
	}
}

// keepPlain can neither flush, hijack nor ReadFrom.
type keepPlain struct {
	h    http.Header
	body strings.Builder
}

func (p *keepPlain) Header() http.Header         { return p.h }
func (p *keepPlain) Write(b []byte) (int, error) { return p.body.Write(b) }
func (p *keepPlain) WriteHeader(int)             {}

func TestResponseWriterSaysWhatItCannotDo(t *testing.T) {
	under := &keepPlain{h: http.Header{}}
	w := Wrap(under)
	var rc = http.NewResponseController(w)
	if err := rc.Flush(); !errors.Is(err, http.ErrNotSupported) {
		t.Errorf("Flush over a writer that cannot flush = %v, want an error wrapping http.ErrNotSupported (give the wrapper FlushError)", err)
	}
	if _, _, err := rc.Hijack(); !errors.Is(err, http.ErrNotSupported) {
		t.Errorf("Hijack over a writer that cannot hijack = %v, want an error wrapping http.ErrNotSupported", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		io.Copy(w, strings.NewReader("plain"))
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("io.Copy into the wrapper over a writer without ReadFrom did not return: does ReadFrom call itself through io.Copy?")
	}
	if under.body.String() != "plain" {
		t.Errorf("the writer underneath got %q, want \"plain\"", under.body.String())
	}
}
