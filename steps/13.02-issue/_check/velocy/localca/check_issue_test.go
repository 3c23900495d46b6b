package localca

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"testing"
	"time"
)

// caServe serves a greeting over TLS with cert on a loopback port, with
// Go's default TLS settings, and returns "127.0.0.1:port".
func caServe(t *testing.T, cert tls.Certificate) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	greeting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") })
	srv := &http.Server{
		Handler:           greeting,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}},
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go srv.ServeTLS(ln, "", "")
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// caGet GETs https://addr/ with a client that trusts only ca's pool and
// expects the name serverName ("" for the address's host).
func caGet(t *testing.T, ca *CA, addr, serverName string) error {
	t.Helper()
	cfg := &tls.Config{RootCAs: ca.CertPool(), ServerName: serverName}
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: cfg}}
	defer c.CloseIdleConnections()
	resp, err := c.Get("https://" + addr + "/")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && string(b) != "hello" {
		err = fmt.Errorf("body %q", b)
	}
	return err
}

func caNew(t *testing.T) *CA {
	t.Helper()
	ca, err := NewCA("check")
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

func TestCAIssueHandshake(t *testing.T) {
	ca := caNew(t)
	name := fmt.Sprintf("svc-%d.test", rand.IntN(1_000_000))
	cert, err := ca.Issue(name, "127.0.0.1")
	if err != nil {
		t.Fatalf("Issue(%q, \"127.0.0.1\"): %v", name, err)
	}
	if cert.Leaf == nil || len(cert.Certificate) == 0 || cert.PrivateKey == nil {
		t.Fatalf("Issue returned Leaf %v, %d certificates, key %v: want all three set", cert.Leaf != nil, len(cert.Certificate), cert.PrivateKey != nil)
	}
	l := cert.Leaf
	if len(l.DNSNames) != 1 || l.DNSNames[0] != name || len(l.IPAddresses) != 1 || !l.IPAddresses[0].Equal(net.IPv4(127, 0, 0, 1)) {
		t.Fatalf("DNSNames %q, IPAddresses %v: want [%s] and [127.0.0.1] (an IP address goes to IPAddresses)", l.DNSNames, l.IPAddresses, name)
	}
	if l.IsCA {
		t.Fatal("the server certificate says it is a CA")
	}
	if len(l.ExtKeyUsage) != 1 || l.ExtKeyUsage[0] != x509.ExtKeyUsageServerAuth {
		t.Errorf("ExtKeyUsage %v, want [ServerAuth]", l.ExtKeyUsage)
	}
	if now := time.Now(); l.NotBefore.After(now) || l.NotAfter.Before(now.Add(LeafValidity-time.Hour)) {
		t.Errorf("valid from %v to %v, want from now (or a little before) for LeafValidity", l.NotBefore, l.NotAfter)
	}
	addr := caServe(t, cert)
	if err := caGet(t, ca, addr, ""); err != nil {
		t.Fatalf("GET https://%s/ trusting only the CA: %v", addr, err)
	}
	if err := caGet(t, ca, addr, name); err != nil {
		t.Fatalf("GET https://%s/ as %s trusting only the CA: %v", addr, name, err)
	}
	var unknown x509.UnknownAuthorityError
	if err := caGet(t, caNew(t), addr, ""); !errors.As(err, &unknown) {
		t.Fatalf("a client trusting another CA: %v, want x509.UnknownAuthorityError", err)
	}
}

func TestCAIssueRefusals(t *testing.T) {
	ca := caNew(t)
	cert, err := ca.Issue("api.internal.test")
	if err != nil {
		t.Fatal(err)
	}
	var wrong x509.HostnameError
	if err := caGet(t, ca, caServe(t, cert), ""); !errors.As(err, &wrong) {
		t.Fatalf("a certificate for api.internal.test, reached as 127.0.0.1: %v, want x509.HostnameError", err)
	}
	now := time.Now()
	days := 1 + rand.IntN(30)
	old, err := ca.IssueLeaf(Leaf{Hosts: []string{"127.0.0.1"}, NotBefore: now.AddDate(0, 0, -2*days), NotAfter: now.AddDate(0, 0, -days)})
	if err != nil {
		t.Fatalf("IssueLeaf with dates in the past: %v", err)
	}
	var invalid x509.CertificateInvalidError
	if err := caGet(t, ca, caServe(t, old), ""); !errors.As(err, &invalid) || invalid.Reason != x509.Expired {
		t.Fatalf("a certificate that expired %d days ago: %v, want x509.Expired (IssueLeaf keeps the dates it is given)", days, err)
	}
	for _, hosts := range [][]string{nil, {""}, {"a b.test"}, {"https://x.test"}} {
		if _, err := ca.Issue(hosts...); err == nil {
			t.Errorf("Issue(%q): no error", hosts)
		}
	}
	if _, err := ca.IssueLeaf(Leaf{Hosts: []string{"x.test"}, NotBefore: now, NotAfter: now.Add(-time.Hour)}); err == nil {
		t.Error("IssueLeaf with NotAfter before NotBefore: no error")
	}
}
