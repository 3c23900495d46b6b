package velocy

import "crypto/tls"

// hasCertificate reports whether a server with the TLS configuration c can
// serve HTTPS without certificate files: [http.Server.ServeTLS] then takes
// its certificates from c.
func hasCertificate(c *tls.Config) bool {
	return c != nil && (len(c.Certificates) > 0 || c.GetCertificate != nil || c.GetConfigForClient != nil)
}
