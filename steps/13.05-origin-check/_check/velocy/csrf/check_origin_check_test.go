package csrf

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"testing"
)

func TestCsrfCheckOrigin(t *testing.T) {
	n := rand.IntN(10000)
	site := fmt.Sprintf("shop%d.example", n)
	if rand.IntN(2) == 0 {
		site += fmt.Sprintf(":%d", 1024+rand.IntN(60000))
	}
	app := fmt.Sprintf("https://app%d.example", n)
	evil := fmt.Sprintf("https://evil%d.example", n)
	trusted := map[string]bool{app: true}
	names := map[verdict]string{sameOrigin: "sameOrigin", crossOrigin: "crossOrigin", noBrowser: "noBrowser"}
	for _, c := range []struct {
		fetchSite, origin string
		want              verdict
	}{
		{"same-origin", "", sameOrigin},
		{"none", "", sameOrigin},
		{"same-origin", "https://" + site, sameOrigin},
		{"cross-site", evil, crossOrigin},
		{"cross-site", "", crossOrigin},
		{"same-site", "https://blog." + site, crossOrigin},
		{"cross-site", app, sameOrigin},
		{"", "", noBrowser},
		{"", "https://" + site, sameOrigin},
		{"", "https://" + site + "0", crossOrigin},
		{"", evil, crossOrigin},
		{"", app, sameOrigin},
		{"", "null", crossOrigin},
		{"", "%%%", crossOrigin},
	} {
		r := httptest.NewRequest("POST", "/transfer", nil)
		r.Host = site
		if c.fetchSite != "" {
			r.Header.Set("Sec-Fetch-Site", c.fetchSite)
		}
		if c.origin != "" {
			r.Header.Set("Origin", c.origin)
		}
		got, why := checkOrigin(r, trusted)
		if got != c.want {
			t.Errorf("Host %s, Sec-Fetch-Site %q, Origin %q (trusted %s): %s, want %s", site, c.fetchSite, c.origin, app, names[got], names[c.want])
		}
		if got == crossOrigin && why == "" {
			t.Errorf("Sec-Fetch-Site %q, Origin %q: crossOrigin with no reason: say why, for the 403", c.fetchSite, c.origin)
		}
	}
}
