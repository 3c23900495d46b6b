package ssrf

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/safenet"
)

// metadataServer plays the cloud's instance metadata service, which
// answers anyone on the machine with the machine's credentials.
func metadataServer(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/latest/meta-data/iam/security-credentials/app" {
			io.WriteString(w, `{"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"wJalrEXAMPLE"}`)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// attackerDNS returns a resolver that answers every A question with
// 127.0.0.1: the attacker owns a domain and points it at our loopback.
func attackerDNS() *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		client, server := net.Pipe()
		go func() {
			defer server.Close()
			server.SetDeadline(time.Now().Add(10 * time.Second))
			var n [2]byte
			if _, err := io.ReadFull(server, n[:]); err != nil {
				return
			}
			q := make([]byte, binary.BigEndian.Uint16(n[:]))
			if _, err := io.ReadFull(server, q); err != nil || len(q) < 12 {
				return
			}
			end := 12
			for end < len(q) && q[end] != 0 {
				end += int(q[end]) + 1
			}
			if end += 5; end > len(q) {
				return
			}
			resp := append(append([]byte{}, q[:2]...), 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0)
			resp = append(resp, q[12:end]...)
			if binary.BigEndian.Uint16(q[end-4:]) == 1 {
				resp[7] = 1
				resp = append(resp, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1)
			}
			server.Write(append(binary.BigEndian.AppendUint16(nil, uint16(len(resp))), resp...))
		}()
		return client, nil
	}}
}

// naiveClient is http.Client with the attacker's DNS (as if the attacker's
// domain were real).
func naiveClient() *http.Client {
	d := &net.Dialer{Resolver: attackerDNS()}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}, Timeout: 15 * time.Second}
}

func get(t *testing.T, h http.Handler, target string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/preview?url="+url.QueryEscape(target), nil))
	return rec.Code, rec.Body.String()
}

func TestNaivePreviewLeaksCredentials(t *testing.T) {
	imds := metadataServer(t)
	code, body := get(t, Preview(naiveClient(), nil), imds.URL+"/latest/meta-data/iam/security-credentials/app")
	if code != 200 || !strings.Contains(body, "SecretAccessKey") {
		t.Fatalf("%d %q: the naive preview should have fetched the credentials", code, body)
	}
}

func TestHostCheckIsNotEnough(t *testing.T) {
	imds := metadataServer(t)
	_, port, _ := net.SplitHostPort(imds.Listener.Addr().String())
	h := Preview(naiveClient(), HostCheck)
	path := "/latest/meta-data/iam/security-credentials/app"

	// The check works on the spellings it knows.
	for _, host := range []string{"127.0.0.1", "localhost", "[::ffff:127.0.0.1]"} {
		if code, _ := get(t, h, "http://"+host+":"+port+path); code != http.StatusForbidden {
			t.Errorf("HostCheck let %s through: %d", host, code)
		}
	}
	// A name the attacker controls resolves to 127.0.0.1.
	if code, body := get(t, h, "http://preview.attacker.example.:"+port+path); !strings.Contains(body, "SecretAccessKey") {
		t.Fatalf("via DNS: %d %q; want the credentials", code, body)
	}
	// An allowed URL redirects to the internal one; the check never sees it.
	bounce := httptest.NewServer(http.RedirectHandler(imds.URL+path, http.StatusFound))
	defer bounce.Close()
	_, bport, _ := net.SplitHostPort(bounce.Listener.Addr().String())
	if code, body := get(t, h, "http://cdn.attacker.example.:"+bport+"/img.png"); !strings.Contains(body, "SecretAccessKey") {
		t.Fatalf("via a redirect: %d %q; want the credentials", code, body)
	}
}

func TestSafenetRefusesEveryRoute(t *testing.T) {
	imds := metadataServer(t)
	_, port, _ := net.SplitHostPort(imds.Listener.Addr().String())
	path := "/latest/meta-data/iam/security-credentials/app"
	h := Preview(safenet.Options{Resolver: attackerDNS()}.Client(), nil)
	bounce := httptest.NewServer(http.RedirectHandler(imds.URL+path, http.StatusFound))
	defer bounce.Close()
	for _, target := range []string{
		imds.URL + path,
		"http://[::ffff:127.0.0.1]:" + port + path,
		"http://preview.attacker.example.:" + port + path,
		bounce.URL + "/img.png",
	} {
		if code, body := get(t, h, target); code != http.StatusForbidden || strings.Contains(body, "Secret") {
			t.Errorf("%s: %d %q, want 403", target, code, body)
		}
	}
}
