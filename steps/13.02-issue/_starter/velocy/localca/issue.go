package localca

import (
	"crypto/tls"
	"errors"
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
	// TODO(13.02): refuse an empty Hosts; fill in zero NotBefore (a minute
	// ago) and NotAfter (LeafValidity from now), and refuse NotAfter not
	// after NotBefore. The template: serial(), the dates, KeyUsage
	// DigitalSignature, ExtKeyUsage ServerAuth, and each host in
	// IPAddresses (when net.ParseIP takes it) or DNSNames (refuse "" and
	// anything with a space, '/' or ':'). A new P-256 key; sign with
	// x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(),
	// ca.key); return the DER, the key and the parsed Leaf.
	return tls.Certificate{}, errors.New("localca: IssueLeaf is not written yet")
}
