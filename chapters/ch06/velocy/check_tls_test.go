package velocy

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRunServesTLS(t *testing.T) {
	// Borrow httptest's certificate, and its client, which trusts it.
	ts := httptest.NewTLSServer(http.NotFoundHandler())
	ts.Close()
	client := ts.Client()
	client.Timeout = 10 * time.Second

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	n := rand.IntN(1000)
	r := New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "%d tls=%v", n, req.TLS != nil)
	})
	srv := NewServer("", r)
	srv.TLSConfig = &tls.Config{Certificates: ts.TLS.Certificates}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Run(ctx, srv, ln, time.Second) }()

	resp, err := client.Get("https://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatalf("GET over HTTPS from a server whose TLSConfig has a certificate: %v; want it served with srv.ServeTLS(ln, \"\", \"\")", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := fmt.Sprintf("%d tls=true", n); string(body) != want {
		t.Errorf("GET over HTTPS = %q, want %q", body, want)
	}
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run had not returned 10s after its context was cancelled")
	}
}

func TestHasCertificate(t *testing.T) {
	cert := []tls.Certificate{{}}
	get := func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return nil, nil }
	for _, tt := range []struct {
		name string
		c    *tls.Config
		want bool
	}{
		{"nil", nil, false},
		{"empty", &tls.Config{}, false},
		{"Certificates", &tls.Config{Certificates: cert}, true},
		{"GetCertificate", &tls.Config{GetCertificate: get}, true},
		{"GetConfigForClient", &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) { return nil, nil }}, true},
	} {
		if got := hasCertificate(tt.c); got != tt.want {
			t.Errorf("hasCertificate(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
