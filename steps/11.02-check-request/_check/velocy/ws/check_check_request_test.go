package ws

import (
	"encoding/base64"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// hsReqKey returns a random Sec-WebSocket-Key.
func hsReqKey() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return base64.StdEncoding.EncodeToString(b[:])
}

// hsCase returns s with the case of each letter chosen at random.
func hsCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if rand.IntN(2) == 0 {
			b[i] = strings.ToUpper(string(c))[0]
		} else {
			b[i] = strings.ToLower(string(c))[0]
		}
	}
	return string(b)
}

// hsHandshakeRequest returns a valid upgrade request with key, its
// Connection and Upgrade tokens in random case, among other tokens,
// sometimes on several header lines.
func hsHandshakeRequest(key string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/chat", nil)
	r.Header = http.Header{}
	switch rand.IntN(3) {
	case 0:
		r.Header.Set("Connection", hsCase("upgrade"))
	case 1:
		r.Header.Set("Connection", "keep-alive, "+hsCase("upgrade"))
	case 2: // Firefox's, split over two lines by a proxy
		r.Header.Add("Connection", "keep-alive")
		r.Header.Add("Connection", " "+hsCase("Upgrade")+"\t")
	}
	if rand.IntN(2) == 0 {
		r.Header.Set("Upgrade", hsCase("websocket"))
	} else {
		r.Header.Add("Upgrade", "h2c")
		r.Header.Add("Upgrade", hsCase("websocket"))
	}
	r.Header.Set("Sec-WebSocket-Key", key)
	r.Header.Set("Sec-WebSocket-Version", "13")
	return r
}

// hsHeaderString shows h for a message.
func hsHeaderString(h http.Header) string {
	var b strings.Builder
	_ = h.Write(&b)
	return strings.ReplaceAll(strings.TrimSpace(b.String()), "\r\n", "; ")
}

func TestHsValidateAccepts(t *testing.T) {
	for range 30 {
		key := hsReqKey()
		r := hsHandshakeRequest(key)
		var u Upgrader
		got, herr := u.validate(httptest.NewRecorder(), r)
		if herr != nil {
			t.Fatalf("validate of a valid handshake (%s) = %v, want no error: look for the tokens in every line of Connection and Upgrade, split at commas, trimmed, ignoring case", hsHeaderString(r.Header), herr)
		}
		if got != key {
			t.Fatalf("validate of a valid handshake returned the key %q, want %q", got, key)
		}
	}
}

func TestHsValidateRefuses(t *testing.T) {
	key := hsReqKey()
	cases := []struct {
		name   string
		change func(r *http.Request)
		status int
	}{
		{"a POST", func(r *http.Request) { r.Method = http.MethodPost }, http.StatusMethodNotAllowed},
		{"a PUT", func(r *http.Request) { r.Method = http.MethodPut }, http.StatusMethodNotAllowed},
		{"HTTP/1.0", func(r *http.Request) { r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/1.0", 1, 0 }, http.StatusBadRequest},
		{"a body", func(r *http.Request) {
			r.ContentLength = int64(1 + rand.IntN(100))
			r.Body = http.NoBody
		}, http.StatusBadRequest},
		{"no Connection", func(r *http.Request) { r.Header.Del("Connection") }, http.StatusBadRequest},
		{"Connection: keep-alive", func(r *http.Request) { r.Header.Set("Connection", "keep-alive") }, http.StatusBadRequest},
		{"Connection: upgraded (a token, not a substring)", func(r *http.Request) { r.Header.Set("Connection", "keep-alive, upgraded") }, http.StatusBadRequest},
		{"no Upgrade", func(r *http.Request) { r.Header.Del("Upgrade") }, http.StatusBadRequest},
		{"Upgrade: h2c", func(r *http.Request) { r.Header.Set("Upgrade", "h2c") }, http.StatusBadRequest},
		{"Upgrade: websockets", func(r *http.Request) { r.Header.Set("Upgrade", "websockets") }, http.StatusBadRequest},
		{"no Sec-WebSocket-Key", func(r *http.Request) { r.Header.Del("Sec-WebSocket-Key") }, http.StatusBadRequest},
		{"a key of 15 bytes", func(r *http.Request) {
			r.Header.Set("Sec-WebSocket-Key", base64.StdEncoding.EncodeToString([]byte(key)[:15]))
		}, http.StatusBadRequest},
		{"a key that is not base64", func(r *http.Request) { r.Header.Set("Sec-WebSocket-Key", "!"+key[1:]) }, http.StatusBadRequest},
		{"two keys", func(r *http.Request) { r.Header.Add("Sec-WebSocket-Key", hsReqKey()) }, http.StatusBadRequest},
	}
	for range 2 + rand.IntN(3) {
		v := []string{"8", "7", "12", "14", "", "13, 8"}[rand.IntN(6)]
		cases = append(cases, struct {
			name   string
			change func(r *http.Request)
			status int
		}{"Sec-WebSocket-Version: " + v, func(r *http.Request) {
			if v == "" {
				r.Header.Del("Sec-WebSocket-Version")
			} else {
				r.Header.Set("Sec-WebSocket-Version", v)
			}
		}, http.StatusUpgradeRequired})
	}
	rand.Shuffle(len(cases), func(i, j int) { cases[i], cases[j] = cases[j], cases[i] })
	for _, c := range cases {
		r := hsHandshakeRequest(key)
		c.change(r)
		w := httptest.NewRecorder()
		var u Upgrader
		_, herr := u.validate(w, r)
		if herr == nil {
			t.Fatalf("validate of a handshake with %s = nil, want a *HandshakeError with Status %d", c.name, c.status)
		}
		if herr.Status != c.status {
			t.Fatalf("validate of a handshake with %s: Status %d, want %d (%s)", c.name, herr.Status, c.status, http.StatusText(c.status))
		}
		if herr.Reason == "" {
			t.Fatalf("validate of a handshake with %s: the HandshakeError has no Reason: say what was wrong, in a few words", c.name)
		}
		switch c.status {
		case http.StatusMethodNotAllowed:
			if got := w.Header().Get("Allow"); got != http.MethodGet {
				t.Fatalf("validate of %s: Allow = %q, want GET: a 405 says which methods would do", c.name, got)
			}
		case http.StatusUpgradeRequired:
			if got := w.Header().Get("Sec-WebSocket-Version"); got != "13" {
				t.Fatalf("validate of %s: Sec-WebSocket-Version = %q on the response, want 13: a 426 names the version the server speaks", c.name, got)
			}
		}
	}
}
