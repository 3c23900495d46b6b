// Package localca is a certificate authority for tests and development:
// it makes a CA in memory, issues server certificates for the names and
// addresses you give it, and sets up the TLS side of a server the way
// production should have it.
//
//	ca, err := localca.NewCA("dev CA")
//	cert, err := ca.Issue("localhost", "127.0.0.1")
//	srv := &http.Server{Handler: h, TLSConfig: localca.ServerConfig(cert)}
//	go srv.ServeTLS(ln, "", "")
//	client := &http.Client{Transport: &http.Transport{TLSClientConfig: ca.ClientConfig()}}
//
// A client that trusts only this CA (ClientConfig, or [CA.CertPool])
// checks everything a browser checks: the chain, the names, the dates.
// Nothing is turned off, unlike InsecureSkipVerify, so a test over this
// CA fails where production would fail.
//
// [ServerConfig] refuses TLS below 1.2 and the TLS 1.2 suites without
// forward secrecy or AEAD. [RedirectHTTPS] is the handler for the plain
// HTTP port: it sends every request to the same path and query over
// HTTPS.
//
// Never ship a CA's private key, and never make a browser trust a CA
// whose key can leave your machine: anyone with it can impersonate every
// site to you.
//
// Chapter 13 of learn-go-hard-way builds this package.
package localca
