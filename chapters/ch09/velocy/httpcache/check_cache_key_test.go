package httpcache

import (
	"crypto/tls"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// keyWord returns a random lower-case word.
func keyWord() string {
	b := make([]byte, 2+rand.IntN(7))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestPrimaryKey(t *testing.T) {
	prefix := keyWord() + ":"
	host := keyWord() + ".example"
	target := "/" + keyWord() + "?q=" + keyWord()
	r := httptest.NewRequest("GET", "http://"+host+target, nil)
	want := prefix + "http://" + host + target
	if got := primaryKey(prefix, r); got != want {
		t.Fatalf("primaryKey(%q, GET %s) = %q, want %q", prefix, r.URL, got, want)
	}
	if got := primaryKey(prefix, httptest.NewRequest("HEAD", "http://"+host+target, nil)); got != want {
		t.Errorf("HEAD and GET of one URL: keys %q and %q, want the same (HEAD is answered from GET)", got, want)
	}
	tr := httptest.NewRequest("GET", "https://"+host+target, nil)
	tr.TLS = &tls.ConnectionState{}
	if got := primaryKey(prefix, tr); got != prefix+"https://"+host+target {
		t.Errorf("primaryKey over TLS = %q, want %q", got, prefix+"https://"+host+target)
	}
	other := httptest.NewRequest("GET", "http://"+host+target+"&x=1", nil)
	if primaryKey(prefix, other) == want {
		t.Errorf("two queries share the key %q", want)
	}
}

func TestVaryNames(t *testing.T) {
	names := []string{"Accept-Encoding", "Accept-Language", "X-" + strings.ToUpper(keyWord()[:1]) + keyWord()}
	rand.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	h := http.Header{}
	h.Add("Vary", strings.ToLower(names[0])+" , "+names[1])
	h.Add("Vary", names[2]+","+strings.ToUpper(names[0]))
	got, star := varyNames(h)
	want := slices.Clone(names)
	for i := range want {
		want[i] = http.CanonicalHeaderKey(want[i])
	}
	slices.Sort(want)
	if !slices.Equal(got, want) || star {
		t.Errorf("varyNames(%q) = %q, %v; want %q, false (canonical, sorted, once each)", h.Values("Vary"), got, star, want)
	}
	if _, star := varyNames(http.Header{"Vary": {"Accept, *"}}); !star {
		t.Error(`varyNames("Accept, *"): star = false, want true`)
	}
	if got, star := varyNames(http.Header{}); len(got) != 0 || star {
		t.Errorf("varyNames of no Vary = %q, %v; want none", got, star)
	}
}

func TestVaryKey(t *testing.T) {
	primary := "p:http://example.com/" + keyWord()
	names := []string{"Accept-Encoding", "Accept-Language"}
	req := func(enc, lang string) *http.Request {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", enc)
		r.Header.Set("Accept-Language", lang)
		r.Header.Set("User-Agent", keyWord()) // not named: must not matter
		return r
	}
	e1, e2, l := keyWord(), keyWord()+"2", keyWord()
	k1 := varyKey(primary, names, req(e1, l))
	if !strings.HasPrefix(k1, primary) || k1 == primary {
		t.Fatalf("varyKey(%q, ...) = %q, want the primary key followed by the request's values", primary, k1)
	}
	if k2 := varyKey(primary, names, req(e2, l)); k2 == k1 {
		t.Errorf("Accept-Encoding %q and %q give the same key %q", e1, e2, k1)
	}
	if again := varyKey(primary, names, req(e1, l)); again != k1 {
		t.Errorf("the same values give %q and %q (an unnamed header changed)", k1, again)
	}
	lines := httptest.NewRequest("GET", "/", nil)
	lines.Header.Add("Accept-Encoding", "gzip")
	lines.Header.Add("Accept-Encoding", "br")
	if varyKey(primary, names[:1], lines) != varyKey(primary, names[:1], req("gzip, br", "")) {
		t.Errorf(`Accept-Encoding on two lines ("gzip", "br") and on one ("gzip, br") give different keys`)
	}
	// A value must not be able to pass for another name and its value.
	v := keyWord()
	a := httptest.NewRequest("GET", "/", nil)
	b := httptest.NewRequest("GET", "/", nil)
	for _, cut := range []string{"\n", ":", "=", "|", ";", " "} {
		a.Header.Set("Accept-Encoding", v+cut+"Accept-Language"+cut+v)
		b.Header.Set("Accept-Encoding", v)
		b.Header.Set("Accept-Language", v)
		if ka, kb := varyKey(primary, names, a), varyKey(primary, names, b); ka == kb {
			t.Fatalf("two different requests share the key %q: quote each value (strconv.AppendQuote)", ka)
		}
		b.Header.Set("Accept-Language", "")
		if ka, kb := varyKey(primary, names, a), varyKey(primary, names, b); ka == kb {
			t.Fatalf("two different requests share the key %q: quote each value (strconv.AppendQuote)", ka)
		}
	}
}
