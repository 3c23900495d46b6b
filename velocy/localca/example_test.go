package localca_test

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/localca"
)

func Example() {
	ca, err := localca.NewCA("example CA")
	if err != nil {
		panic(err)
	}
	cert, err := ca.Issue("localhost", "127.0.0.1")
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "hello over %s", tls.VersionName(r.TLS.Version))
		}),
		TLSConfig:         localca.ServerConfig(cert),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go srv.ServeTLS(ln, "", "")
	defer srv.Close()

	client := &http.Client{Transport: &http.Transport{TLSClientConfig: ca.ClientConfig()}}
	resp, err := client.Get("https://" + ln.Addr().String() + "/")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(string(body))
	// Output:
	// hello over TLS 1.3
}
