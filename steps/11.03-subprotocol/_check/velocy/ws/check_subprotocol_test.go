package ws

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// hsProtoNames returns n distinct random subprotocol names.
func hsProtoNames(n int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		p := fmt.Sprintf("%c%d.v%d", 'a'+rand.IntN(26), rand.IntN(1000), 1+rand.IntN(9))
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// hsHeaderLines spreads tokens over 1 to 3 header lines, with random
// spaces, tabs and empty elements around the commas, as clients and
// proxies send them, in order. It returns the lines.
func hsHeaderLines(tokens []string) []string {
	pad := func() string { return []string{"", " ", "  ", "\t", " \t"}[rand.IntN(5)] }
	lines := make([]string, 1+rand.IntN(3))
	i := 0
	for _, tok := range tokens {
		if i < len(lines)-1 && rand.IntN(3) == 0 {
			i++ // the next tokens go on the next line, keeping their order
		}
		if lines[i] != "" {
			lines[i] += ","
			if rand.IntN(4) == 0 {
				lines[i] += pad() + "," // an empty element
			}
		}
		lines[i] += pad() + tok + pad()
	}
	return slices.DeleteFunc(lines, func(s string) bool { return s == "" })
}

func TestHsHeaderTokens(t *testing.T) {
	for range 50 {
		want := hsProtoNames(rand.IntN(6))
		h := http.Header{}
		for _, l := range hsHeaderLines(want) {
			h.Add("Sec-WebSocket-Protocol", l)
		}
		got := headerTokens(h, "Sec-WebSocket-Protocol")
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !slices.Equal(got, want) {
			t.Fatalf("headerTokens of the lines %q = %q, want %q: every line, split at commas, trimmed of spaces and tabs, empty elements dropped", h.Values("Sec-WebSocket-Protocol"), got, want)
		}
	}
}

func TestHsChooseSubprotocol(t *testing.T) {
	for range 100 {
		names := hsProtoNames(8)
		server := names[:rand.IntN(5)]
		var offered []string
		for _, p := range names {
			if rand.IntN(2) == 0 {
				offered = append(offered, p)
			}
		}
		rand.Shuffle(len(offered), func(i, j int) { offered[i], offered[j] = offered[j], offered[i] })
		if len(offered) > 0 && rand.IntN(4) == 0 {
			offered[0] = strings.ToUpper(offered[0]) // names are compared exactly
		}
		want := ""
		for _, p := range server {
			if slices.Contains(offered, p) {
				want = p
				break
			}
		}
		r := httptest.NewRequest(http.MethodGet, "/chat", nil)
		for _, l := range hsHeaderLines(offered) {
			r.Header.Add("Sec-WebSocket-Protocol", l)
		}
		u := &Upgrader{Subprotocols: server}
		if got := u.chooseSubprotocol(r); got != want {
			t.Fatalf("chooseSubprotocol with Subprotocols %q and the offer %q = %q, want %q: the first of the server's list that the client offered, spelled exactly", server, r.Header.Values("Sec-WebSocket-Protocol"), got, want)
		}
	}
}

func TestHsUpgradeSubprotocol(t *testing.T) {
	names := hsProtoNames(4)
	server := names[:2]
	offer := []string{names[3], names[1], names[0]} // the client prefers names[1]; the server names[0]
	addr, results := hsUpgradeServer(t, &Upgrader{Subprotocols: server})
	extra := ""
	for _, l := range hsHeaderLines(offer) {
		extra += "Sec-WebSocket-Protocol: " + l + "\r\n"
	}
	_, br := hsRawHandshake(t, addr, hsReqKey(), "13", extra, nil)
	resp, err := http.ReadResponse(br, nil)
	r := hsResult(t, results)
	if err != nil || r.err != nil {
		t.Fatalf("a handshake offering %q: reading the response: %v; Upgrade returned %v", offer, err, r.err)
	}
	if got := resp.Header.Values("Sec-WebSocket-Protocol"); len(got) != 1 || got[0] != names[0] {
		t.Fatalf("the 101 to a client offering %q, from a server speaking %q, has Sec-WebSocket-Protocol %q, want [%q]: the server's preference wins", offer, server, got, names[0])
	}
	if got := r.c.Subprotocol(); got != names[0] {
		t.Fatalf("Conn.Subprotocol() = %q, want %q: pass the chosen one to newConn", got, names[0])
	}

	// A client that offers none of them gets a 101 without the header.
	_, br = hsRawHandshake(t, addr, hsReqKey(), "13", "Sec-WebSocket-Protocol: "+names[2]+"\r\n", nil)
	resp, err = http.ReadResponse(br, nil)
	r = hsResult(t, results)
	if err != nil || r.err != nil {
		t.Fatalf("a handshake offering only %q: reading the response: %v; Upgrade returned %v", names[2], err, r.err)
	}
	if got := resp.Header.Values("Sec-WebSocket-Protocol"); len(got) != 0 || r.c.Subprotocol() != "" {
		t.Fatalf("the 101 to a client offering none of %q has Sec-WebSocket-Protocol %q and Subprotocol() %q, want no header and \"\"", server, got, r.c.Subprotocol())
	}

	// Dial sees the same choice.
	ctx, cancel := context.WithTimeout(context.Background(), hsWait)
	defer cancel()
	cc, _, err := Dial(ctx, "ws://"+addr+"/chat", &DialOptions{Subprotocols: offer})
	r = hsResult(t, results)
	if err != nil {
		t.Fatalf("Dial offering %q = %v (Upgrade returned %v)", offer, err, r.err)
	}
	defer cc.nc.Close()
	if got := cc.Subprotocol(); got != names[0] {
		t.Fatalf("Dial offering %q to a server speaking %q: Subprotocol() = %q, want %q", offer, server, got, names[0])
	}
}
