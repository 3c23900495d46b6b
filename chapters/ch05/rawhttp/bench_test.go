package rawhttp

import (
	"bufio"
	"io"
	"net/http"
	"strings"
	"testing"
)

// benchRequest is a typical browser request: a dozen fields, no body.
const benchRequest = "GET /search?q=go+http&page=2 HTTP/1.1\r\n" +
	"Host: example.com\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n" +
	"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n" +
	"Accept-Language: en-US,en;q=0.5\r\n" +
	"Accept-Encoding: gzip, deflate, br\r\n" +
	"Connection: keep-alive\r\n" +
	"Cookie: theme=dark; sid=38afes7a8\r\n" +
	"Upgrade-Insecure-Requests: 1\r\n" +
	"Sec-Fetch-Dest: document\r\n" +
	"Sec-Fetch-Mode: navigate\r\n" +
	"Sec-Fetch-Site: none\r\n" +
	"Priority: u=0, i\r\n" +
	"\r\n"

// BenchmarkReadRequest reads the same request with ReadRequest and with net/http's
// http.ReadRequest, side by side: go test -bench ReadRequest -benchmem.
func BenchmarkReadRequest(b *testing.B) {
	sr := strings.NewReader(benchRequest)
	br := bufio.NewReader(sr)
	b.Run("rawhttp", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(benchRequest)))
		for b.Loop() {
			sr.Reset(benchRequest)
			br.Reset(sr)
			if _, err := ReadRequest(br, Limits{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("net-http", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(benchRequest)))
		for b.Loop() {
			sr.Reset(benchRequest)
			br.Reset(sr)
			req, err := http.ReadRequest(br)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, req.Body)
		}
	})
}
