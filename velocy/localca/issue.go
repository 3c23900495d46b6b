package localca

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// LeafValidity is how long a certificate from [CA.Issue] is valid.
const LeafValidity = 30 * 24 * time.Hour

// Leaf describes a server certificate for [CA.IssueLeaf].
type Leaf struct {
	// Hosts are the DNS names ("localhost", "*.dev.example") and IP
	// addresses ("127.0.0.1", "::1") the certificate is valid for.
	Hosts []string
	// NotBefore and NotAfter bound its validity. Zero values mean from a
	// minute ago for LeafValidity.
	NotBefore, NotAfter time.Time
}

// Issue returns a server certificate for hosts, signed by ca and valid
// for [LeafValidity], ready for a tls.Config's Certificates.
func (ca *CA) Issue(hosts ...string) (tls.Certificate, error) {
	return ca.IssueLeaf(Leaf{Hosts: hosts})
}

// IssueLeaf returns the server certificate l describes, signed by ca.
// Each host goes into the certificate's subject alternative names, as an
// IP address when it parses as one and as a DNS name otherwise; clients
// look only there, never at the common name.
func (ca *CA) IssueLeaf(l Leaf) (tls.Certificate, error) {
	if len(l.Hosts) == 0 {
		return tls.Certificate{}, errors.New("localca: a certificate needs at least one host")
	}
	now := time.Now()
	if l.NotBefore.IsZero() {
		l.NotBefore = now.Add(-time.Minute)
	}
	if l.NotAfter.IsZero() {
		l.NotAfter = now.Add(LeafValidity)
	}
	if !l.NotAfter.After(l.NotBefore) {
		return tls.Certificate{}, errors.New("localca: NotAfter is not after NotBefore")
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: l.Hosts[0]},
		NotBefore:    l.NotBefore,
		NotAfter:     l.NotAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range l.Hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else if h == "" || strings.ContainsAny(h, " /:") {
			return tls.Certificate{}, fmt.Errorf("localca: %q is neither a host name nor an IP address", h)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("localca: %w", err)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("localca: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("localca: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}
