package ws

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// hsDomain returns a random registrable domain, such as "kq7x.net".
func hsDomain() string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	var b strings.Builder
	for range 3 + rand.IntN(6) {
		b.WriteByte(letters[rand.IntN(26)])
	}
	return b.String() + []string{".com", ".net", ".org", ".dev"}[rand.IntN(4)]
}

// hsLabel returns a random subdomain label.
func hsLabel() string {
	return fmt.Sprintf("%c%d", 'a'+rand.IntN(26), rand.IntN(1000))
}

func TestHsMatchOrigin(t *testing.T) {
	for range 20 {
		d := hsDomain()
		scheme, other := "https", "http"
		if rand.IntN(2) == 0 {
			scheme, other = other, scheme
		}
		app := hsLabel() + "." + d
		port := fmt.Sprint(1024 + rand.IntN(60000))
		cases := []struct {
			pattern, origin string
			want            bool
			why             string
		}{
			{scheme + "://" + app, scheme + "://" + app, true, "the same origin as the pattern"},
			{scheme + "://" + app, scheme + "://" + strings.ToUpper(app), true, "host names ignore case"},
			{scheme + "://" + app, scheme + "://" + app + ":" + port, false, "another port"},
			{scheme + "://" + app + ":" + port, scheme + "://" + app + ":" + port, true, "the same port"},
			{scheme + "://" + app, other + "://" + app, false, "another scheme"},
			{scheme + "://" + app, scheme + "://" + hsLabel() + "." + app, false, "a subdomain, for a pattern without *."},
			{scheme + "://" + app, scheme + "://" + app + ".evil.net", false, "another site whose name starts with the pattern's"},
			{scheme + "://" + app, scheme + "://evil" + app, false, "another site whose name ends with the pattern's"},
			{scheme + "://*." + d, scheme + "://" + hsLabel() + "." + d, true, "a subdomain"},
			{scheme + "://*." + d, scheme + "://" + hsLabel() + "." + hsLabel() + "." + d, true, "a subdomain two levels down"},
			{scheme + "://*." + d, scheme + "://" + d, false, "the domain itself (*. means at least one label more)"},
			{scheme + "://*." + d, scheme + "://" + d + ".evil.net", false, "another site whose name starts with the domain"},
			{scheme + "://*." + d, scheme + "://evil" + d, false, "another site whose name ends with the domain, without the dot"},
			{scheme + "://*." + d, other + "://" + hsLabel() + "." + d, false, "another scheme"},
			{scheme + "://*." + d, scheme + "://" + hsLabel() + "." + d + ":" + port, false, "another port"},
			{"https://" + app, "https://" + app + ":443", true, "443 is https's own port"},
			{"http://" + app + ":80", "http://" + app, true, "80 is http's own port"},
			{"not a pattern", scheme + "://" + app, false, "a malformed pattern matches nothing"},
		}
		for _, c := range cases {
			o, ok := parseOrigin(c.origin, false)
			if !ok {
				t.Fatalf("parseOrigin(%q) failed; it is given in origin.go: keep it as it was", c.origin)
			}
			if got := matchOrigin(c.pattern, o); got != c.want {
				t.Fatalf("matchOrigin(%q, origin of %q) = %v, want %v: %s", c.pattern, c.origin, got, c.want, c.why)
			}
		}
	}
}

func TestHsOriginPolicy(t *testing.T) {
	host := hsLabel() + "." + hsDomain()
	listed := "https://" + hsLabel() + "." + hsDomain()
	wild := hsDomain()
	u := &Upgrader{Origins: []string{listed, "https://*." + wild}}
	cases := []struct {
		origins []string
		want    bool
		why     string
	}{
		{nil, true, "no Origin: not a browser"},
		{[]string{"http://" + host}, true, "the same origin as the request's Host"},
		{[]string{"https://" + host}, true, "the same origin as the request's Host, over TLS"},
		{[]string{listed}, true, "listed in Origins"},
		{[]string{"https://" + hsLabel() + "." + wild}, true, "a subdomain of a *. entry of Origins"},
		{[]string{"https://" + hsDomain()}, false, "another site"},
		{[]string{"null"}, false, "the opaque origin of sandboxed frames and file: pages"},
		{[]string{"https://" + host + ".evil.net"}, false, "another site whose name starts with the Host"},
		{[]string{"https://" + host, "https://" + host}, false, "two Origin headers"},
		{[]string{"https://" + hsLabel() + "." + host + "/path"}, false, "not an origin"},
	}
	rand.Shuffle(len(cases), func(i, j int) { cases[i], cases[j] = cases[j], cases[i] })
	for _, c := range cases {
		r := hsHandshakeRequest(hsReqKey())
		r.Host = host
		for _, o := range c.origins {
			r.Header.Add("Origin", o)
		}
		_, herr := u.validate(httptest.NewRecorder(), r)
		switch {
		case c.want && herr != nil:
			t.Fatalf("validate with Host %q, Origin %q and Origins %q = %v, want it allowed: %s", host, c.origins, u.Origins, herr, c.why)
		case !c.want && herr == nil:
			t.Fatalf("validate with Host %q, Origin %q and Origins %q = nil, want a refusal with 403: %s (validate must call u.originAllowed)", host, c.origins, u.Origins, c.why)
		case !c.want && herr.Status != http.StatusForbidden:
			t.Fatalf("validate with Host %q, Origin %q: Status %d, want 403", host, c.origins, herr.Status)
		}
	}

	// CheckOrigin replaces the policy.
	token := fmt.Sprint(rand.IntN(1e9))
	cu := &Upgrader{Origins: u.Origins, CheckOrigin: func(r *http.Request) bool { return r.Header.Get("X-Hs-Token") == token }}
	r := hsHandshakeRequest(hsReqKey())
	r.Header.Set("Origin", "https://"+hsDomain())
	r.Header.Set("X-Hs-Token", token)
	if _, herr := cu.validate(httptest.NewRecorder(), r); herr != nil {
		t.Fatalf("validate of a foreign Origin that CheckOrigin allows = %v, want nil: CheckOrigin, when set, decides alone", herr)
	}
	r = hsHandshakeRequest(hsReqKey())
	r.Host = host
	r.Header.Set("Origin", "https://"+host)
	if _, herr := cu.validate(httptest.NewRecorder(), r); herr == nil || herr.Status != http.StatusForbidden {
		t.Fatalf("validate of a same-origin request that CheckOrigin refuses = %v, want a 403: CheckOrigin, when set, decides alone", herr)
	}
}
