package localca

import (
	"crypto"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
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
	// TODO(13.02): make an ECDSA P-256 key (ecdsa.GenerateKey with
	// rand.Reader), a template (a serial(), the name as CommonName,
	// NotBefore an hour ago, NotAfter CAValidity from now, IsCA and
	// BasicConstraintsValid and MaxPathLenZero, KeyUsageCertSign), sign it
	// with itself (x509.CreateCertificate with the template as both the
	// certificate and its parent), and parse the DER back.
	return nil, errors.New("localca: NewCA is not written yet")
}

// Certificate returns the CA's certificate.
func (ca *CA) Certificate() *x509.Certificate { return ca.cert }

// CertPool returns a pool holding the CA's certificate and nothing else.
func (ca *CA) CertPool() *x509.CertPool {
	// TODO(13.02): a new pool with ca.cert added.
	return x509.NewCertPool()
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
