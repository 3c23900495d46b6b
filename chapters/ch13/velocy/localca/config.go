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
	return &tls.Config{
		Certificates: certs,
		MinVersion:   tls.VersionTLS12,
		CipherSuites: []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
			tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
		},
	}
}
