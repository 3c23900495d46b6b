package localca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"time"
)

// CAValidity is how long a CA from [NewCA] is valid.
const CAValidity = 10 * 365 * 24 * time.Hour

// A CA signs certificates. Its key exists only in memory.
type CA struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// NewCA makes a CA with a new ECDSA P-256 key and a self-signed
// certificate named name, valid from an hour ago (clocks disagree) for
// [CAValidity]. It may sign server certificates and nothing beneath them
// (no intermediate CAs).
func NewCA(name string) (*CA, error) {
	if name == "" {
		name = "velocy local CA"
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("localca: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"velocy localca"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(CAValidity),
		IsCA:                  true,
		BasicConstraintsValid: true,
		MaxPathLenZero:        true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("localca: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("localca: %w", err)
	}
	return &CA{cert: cert, key: key}, nil
}

// Certificate returns the CA's certificate.
func (ca *CA) Certificate() *x509.Certificate { return ca.cert }

// CertPool returns a pool holding the CA's certificate and nothing else.
func (ca *CA) CertPool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

// CertPEM returns the CA's certificate in PEM, for curl --cacert, a
// browser's or a system's trust store.
func (ca *CA) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.cert.Raw})
}

// ClientConfig returns a TLS client configuration that trusts this CA
// alone, with TLS 1.2 at least.
func (ca *CA) ClientConfig() *tls.Config {
	return &tls.Config{RootCAs: ca.CertPool(), MinVersion: tls.VersionTLS12}
}

// serial returns a random 128-bit serial number: two certificates of one
// CA must never share one.
func serial() *big.Int {
	b := make([]byte, 16)
	rand.Read(b)
	b[0] &= 0x7f // positive
	return new(big.Int).SetBytes(b)
}
