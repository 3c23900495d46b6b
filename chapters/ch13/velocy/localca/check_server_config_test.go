package localca

import (
	"crypto/tls"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// caServeConfig serves r.TLS's version name over TLS with cfg on a
// loopback port and returns the URL.
func caServeConfig(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, tls.VersionName(r.TLS.Version)) })
	srv := &http.Server{Handler: h, TLSConfig: cfg, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go srv.ServeTLS(ln, "", "")
	t.Cleanup(func() { srv.Close() })
	return "https://" + ln.Addr().String() + "/"
}

func caTry(url string, cfg *tls.Config) (string, error) {
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: cfg}}
	defer c.CloseIdleConnections()
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func TestCAServerConfig(t *testing.T) {
	ca, err := NewCA("check")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ca.Issue("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	cfg := ServerConfig(cert)
	if cfg == nil || len(cfg.Certificates) != 1 {
		t.Fatal("ServerConfig(cert) must return a config serving cert")
	}
	if cfg.MinVersion != tls.VersionTLS12 {
		t.Errorf("MinVersion = %s, want TLS 1.2 (write it down: a GODEBUG setting can lower Go's default)", tls.VersionName(cfg.MinVersion))
	}
	if len(cfg.CipherSuites) == 0 {
		t.Fatal("CipherSuites is empty: Go's defaults for TLS 1.2 still include CBC suites; list the good ones")
	}
	for _, id := range cfg.CipherSuites {
		name := tls.CipherSuiteName(id)
		if !strings.HasPrefix(name, "TLS_ECDHE_") || !(strings.Contains(name, "_GCM_") || strings.Contains(name, "CHACHA20_POLY1305")) {
			t.Errorf("CipherSuites holds %s: keep only ECDHE (forward secrecy) with GCM or ChaCha20-Poly1305 (AEAD)", name)
		}
	}
	url := caServeConfig(t, cfg)
	// A TLS 1.2 client offering one weak suite, picked at random.
	weak := []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256}
	w := weak[rand.IntN(len(weak))]
	client := ca.ClientConfig()
	client.MaxVersion = tls.VersionTLS12
	client.CipherSuites = []uint16{w}
	if got, err := caTry(url, client); err == nil {
		t.Errorf("a TLS 1.2 client offering only %s was served (%q): the server must refuse it", tls.CipherSuiteName(w), got)
	}
	var ecdsa []uint16 // the certificate's key is ECDSA
	for _, id := range cfg.CipherSuites {
		if strings.Contains(tls.CipherSuiteName(id), "_ECDSA_") {
			ecdsa = append(ecdsa, id)
		}
	}
	if len(ecdsa) == 0 {
		t.Fatal("CipherSuites has no ECDHE_ECDSA suite: a server with an ECDSA key could not speak TLS 1.2")
	}
	good := ecdsa[rand.IntN(len(ecdsa))]
	client.CipherSuites = []uint16{good}
	if got, err := caTry(url, client); err != nil || got != "TLS 1.2" {
		t.Errorf("a TLS 1.2 client offering %s: %q, %v; want it served over TLS 1.2", tls.CipherSuiteName(good), got, err)
	}
	if got, err := caTry(url, ca.ClientConfig()); err != nil || got != "TLS 1.3" {
		t.Errorf("a current client: %q, %v; want TLS 1.3", got, err)
	}
	old := ca.ClientConfig()
	old.MinVersion, old.MaxVersion = tls.VersionTLS10, tls.VersionTLS11
	if got, err := caTry(url, old); err == nil {
		t.Errorf("a TLS 1.1 client was served (%q)", got)
	}
}
