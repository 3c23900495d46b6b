package static

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"
	"testing/fstest"
)

// cacheControlWord returns a random lower-case word without hex letters
// only, so that it is never taken for a hash.
func cacheControlWord() string {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('g' + rand.IntN(20))
	}
	return string(b)
}

// cacheControlHash returns n random hexadecimal digits.
func cacheControlHash(n int) string {
	const hex = "0123456789abcdefABCDEF"
	b := make([]byte, n)
	for i := range b {
		b[i] = hex[rand.IntN(len(hex))]
	}
	return string(b)
}

func TestFingerprintedNames(t *testing.T) {
	dir := cacheControlWord() + "/"
	ext := []string{".js", ".css", ".woff2", ".png"}[rand.IntN(4)]
	yes := []string{
		cacheControlWord() + "." + cacheControlHash(8+rand.IntN(25)) + ext,
		dir + cacheControlWord() + "." + cacheControlHash(8+rand.IntN(25)) + ext,
		cacheControlWord() + "." + cacheControlHash(8+rand.IntN(25)) + ".min" + ext,
		cacheControlWord() + "-" + cacheControlHash(8+rand.IntN(25)) + ext,
		cacheControlWord() + "-" + cacheControlWord() + "-" + cacheControlHash(8+rand.IntN(25)) + ext,
	}
	no := []string{
		cacheControlWord() + ext,
		cacheControlWord() + ".min" + ext,
		cacheControlWord() + "." + cacheControlHash(1+rand.IntN(7)) + ext,
		cacheControlWord() + "-" + cacheControlHash(1+rand.IntN(7)) + ext,
		cacheControlWord() + "." + cacheControlHash(8) + cacheControlWord() + ext,
		cacheControlHash(8+rand.IntN(25)) + "/" + cacheControlWord() + ext,
		cacheControlWord() + "." + cacheControlHash(8+rand.IntN(25)),
	}
	for _, name := range yes {
		if !Fingerprinted(name) {
			t.Errorf("Fingerprinted(%q) = false, want true: 8 or more hex digits between dots or after the last hyphen", name)
		}
	}
	for _, name := range no {
		if Fingerprinted(name) {
			t.Errorf("Fingerprinted(%q) = true, want false", name)
		}
	}
}

func TestGlobMatchesTheLastElement(t *testing.T) {
	ext := cacheControlWord()
	m := Glob("*." + ext)
	for name, want := range map[string]bool{
		cacheControlWord() + "." + ext:                            true,
		cacheControlWord() + "/" + cacheControlWord() + "." + ext: true,
		cacheControlWord() + "." + ext + "x":                      false,
		ext + "/" + cacheControlWord():                            false,
	} {
		if got := m(name); got != want {
			t.Errorf("Glob(%q)(%q) = %v, want %v: the pattern applies to the last element of the name", "*."+ext, name, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("Glob(%q) did not panic, want a panic for a malformed pattern", "[")
		}
	}()
	Glob("[")
}

func TestCacheControlFirstRuleWins(t *testing.T) {
	a, b := cacheControlWord(), cacheControlWord()
	rules := []CacheRule{
		{Match: func(name string) bool { return name == a }, Value: "max-age=" + a},
		{Match: func(string) bool { return true }, Value: "max-age=" + b},
		{Match: func(name string) bool { return name == a }, Value: "never used"},
	}
	if got := cacheControl(rules, a); got != "max-age="+a {
		t.Errorf("cacheControl(rules, %q) = %q, want %q: the first rule that matches", a, got, "max-age="+a)
	}
	if got := cacheControl(rules, b+"x"); got != "max-age="+b {
		t.Errorf("cacheControl(rules, %q) = %q, want %q", b+"x", got, "max-age="+b)
	}
	if got := cacheControl(rules[:1], b+"x"); got != "" {
		t.Errorf("cacheControl with no rule matching = %q, want \"\"", got)
	}
}

func TestHandlerSendsCacheControl(t *testing.T) {
	page := cacheControlWord() + ".html"
	asset := cacheControlWord() + "." + cacheControlHash(8+rand.IntN(10)) + ".js"
	plain := cacheControlWord() + ".txt"
	fsys := fstest.MapFS{
		page:  {Data: []byte("<p>" + cacheControlWord())},
		asset: {Data: []byte("let " + cacheControlWord())},
		plain: {Data: []byte(cacheControlWord())},
	}
	h := FS(fsys, Options{})
	for name, want := range map[string]string{page: "no-cache", asset: Immutable, plain: ""} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/"+name, nil))
		if got := w.Header().Get("Cache-Control"); w.Code != http.StatusOK || got != want {
			t.Errorf("Options{}, GET /%s = %d, Cache-Control %q; want 200 and %q (DefaultCacheRules)", name, w.Code, got, want)
		}
	}
}

func TestHandlerCacheRulesOption(t *testing.T) {
	var opts Options
	field := reflect.ValueOf(&opts).Elem().FieldByName("CacheRules")
	if !field.IsValid() {
		t.Fatal("Options has no field CacheRules: add CacheRules []CacheRule to Options in serve.go")
	}
	page, plain := cacheControlWord()+".html", cacheControlWord()+".txt"
	fsys := fstest.MapFS{
		page:  {Data: []byte("<p>" + cacheControlWord())},
		plain: {Data: []byte(cacheControlWord())},
	}
	value := "public, max-age=" + strconv.Itoa(1+rand.IntN(1e6))
	for _, c := range []struct {
		rules []CacheRule
		want  map[string]string
	}{
		{[]CacheRule{{Match: Glob("*.txt"), Value: value}}, map[string]string{plain: value, page: ""}},
		{[]CacheRule{}, map[string]string{plain: "", page: ""}},
	} {
		field.Set(reflect.ValueOf(c.rules))
		h := FS(fsys, opts)
		for name, want := range c.want {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/"+name, nil))
			if got := w.Header().Get("Cache-Control"); got != want {
				t.Errorf("Options{CacheRules: %d rules}, GET /%s: Cache-Control %q, want %q: the rules given replace the defaults, and an empty slice means none", len(c.rules), name, got, want)
			}
		}
	}
}
