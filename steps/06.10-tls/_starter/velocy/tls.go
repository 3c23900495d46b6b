package velocy

import "crypto/tls"

// hasCertificate reports whether a server with the TLS configuration c can
// serve HTTPS without certificate files: [http.Server.ServeTLS] then takes
// its certificates from c.
func hasCertificate(c *tls.Config) bool {
	// TODO(06.10-tls): a certificate, or a function that finds one.
	_ = c
	return false
}
