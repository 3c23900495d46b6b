package csrf

import (
	"net/http/httptest"
	"testing"
)

func TestCheckOrigin(t *testing.T) {
	trusted := map[string]bool{"https://app.example.com": true}
	for _, c := range []struct {
		site, origin string
		want         verdict
	}{
		{"same-origin", "", sameOrigin},
		{"none", "", sameOrigin},
		{"same-origin", "https://evil.example", sameOrigin}, // the browser's word wins: it knows
		{"cross-site", "https://evil.example", crossOrigin},
		{"same-site", "https://blog.shop.example", crossOrigin},
		{"cross-site", "https://app.example.com", sameOrigin},
		{"cross-site", "", crossOrigin},
		{"something-new", "", crossOrigin},
		{"", "", noBrowser},
		{"", "https://shop.example", sameOrigin},
		{"", "http://shop.example", sameOrigin}, // Host carries no scheme; Sec-Fetch-Site settles it in current browsers
		{"", "https://shop.example:8443", crossOrigin},
		{"", "https://evil.example", crossOrigin},
		{"", "https://app.example.com", sameOrigin},
		{"", "null", crossOrigin},
		{"", "not a url", crossOrigin},
	} {
		r := httptest.NewRequest("POST", "https://shop.example/transfer", nil)
		if c.site != "" {
			r.Header.Set("Sec-Fetch-Site", c.site)
		}
		if c.origin != "" {
			r.Header.Set("Origin", c.origin)
		}
		got, why := checkOrigin(r, trusted)
		if got != c.want {
			t.Errorf("Sec-Fetch-Site %q, Origin %q: verdict %d (%s), want %d", c.site, c.origin, got, why, c.want)
		}
		if got == crossOrigin && why == "" {
			t.Errorf("Sec-Fetch-Site %q, Origin %q: refused with no reason", c.site, c.origin)
		}
	}
}

func TestQuoteOrigin(t *testing.T) {
	if got := quoteOrigin("https://e\x00vil\"\n"); got != `"https://e?vil??"` {
		t.Errorf("quoteOrigin = %s", got)
	}
}

func FuzzCheckOrigin(f *testing.F) {
	f.Add("cross-site", "https://evil.example", "shop.example")
	f.Add("", "http://shop.example:8080", "shop.example:8080")
	f.Add("", "null", "")
	f.Fuzz(func(t *testing.T, site, origin, host string) {
		r := httptest.NewRequest("POST", "/", nil)
		r.Host = host
		r.Header["Sec-Fetch-Site"] = []string{site}
		r.Header["Origin"] = []string{origin}
		v, why := checkOrigin(r, map[string]bool{"https://app.example": true})
		if v == crossOrigin && why == "" {
			t.Fatal("refused with no reason")
		}
		if v == sameOrigin && site != "same-origin" && site != "none" && origin != "https://app.example" {
			if site != "" || origin == "" || origin == "null" {
				t.Fatalf("Sec-Fetch-Site %q, Origin %q, Host %q: passed", site, origin, host)
			}
		}
		if v == noBrowser && (site != "" || origin != "") {
			t.Fatalf("Sec-Fetch-Site %q, Origin %q: noBrowser", site, origin)
		}
		validToken([]byte("k"), host, origin)
	})
}
