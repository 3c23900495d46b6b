package middleware

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func signerTestKey(t testing.TB) []byte {
	t.Helper()
	k := make([]byte, MinKeyLen)
	rand.Read(k)
	return k
}

func signerForTest(t testing.TB, keys ...[]byte) *Signer {
	t.Helper()
	s, err := NewSigner(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewSignerRefusesShortKeys(t *testing.T) {
	good := signerTestKey(t)
	for _, keys := range [][][]byte{
		nil,
		{nil},
		{make([]byte, MinKeyLen-1)},
		{good, make([]byte, 16)},
	} {
		if s, err := NewSigner(keys...); err == nil || s != nil {
			t.Errorf("NewSigner(%d keys, lengths %v) = %v, %v; want nil and an error", len(keys), signerKeyLens(keys), s, err)
		}
	}
	if _, err := NewSigner(good, make([]byte, 64)); err != nil {
		t.Errorf("NewSigner(32 and 64 bytes) = %v, want no error", err)
	}
}

func signerKeyLens(keys [][]byte) []int {
	var n []int
	for _, k := range keys {
		n = append(n, len(k))
	}
	return n
}

func TestNewSignerCopiesKeys(t *testing.T) {
	k := signerTestKey(t)
	s := signerForTest(t, k)
	signed := s.Sign("n", "v")
	k[0] ^= 0xff
	if v, err := s.Verify("n", signed); err != nil || v != "v" {
		t.Errorf("after the caller changed its key slice, Verify = %q, %v; want \"v\", nil", v, err)
	}
}

func TestSignerFormat(t *testing.T) {
	k := signerTestKey(t)
	s := signerForTest(t, k)
	const name, value = "prefs", "theme=dark"
	got := s.Sign(name, value)
	h := hmac.New(sha256.New, k)
	h.Write([]byte{0, 0, 0, 0, 0, 0, 0, byte(len(name))})
	h.Write([]byte(name + value))
	enc := base64.RawURLEncoding
	want := enc.EncodeToString([]byte(value)) + "." + enc.EncodeToString(h.Sum(nil))
	if got != want {
		t.Errorf("Sign = %q, want %q", got, want)
	}
}

func TestSignerRoundTrip(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	values := []string{"", "a", "hello world", "a.b.c", "\x00\xff\n;,\"", strings.Repeat("x", 3000)}
	for range 50 {
		b := make([]byte, mrand.IntN(100))
		rand.Read(b)
		values = append(values, string(b))
	}
	for _, v := range values {
		signed := s.Sign("c", v)
		if strings.Count(signed, ".") != 1 || strings.ContainsAny(signed, "=+/; ,\"") {
			t.Errorf("Sign(%q) = %q: not one dot, or a character unfit for a cookie", v, signed)
		}
		if got, err := s.Verify("c", signed); err != nil || got != v {
			t.Errorf("Verify(Sign(%q)) = %q, %v", v, got, err)
		}
	}
}

func TestSignerBindsName(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	if _, err := s.Verify("admin", s.Sign("role", "user")); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("a value signed for cookie \"role\" verified as \"admin\": err = %v, want ErrInvalidSignature", err)
	}
	// Without the length of the name, ("ab", "c") and ("a", "bc") would
	// sign the same bytes.
	signed := s.Sign("ab", "c")
	forged := base64.RawURLEncoding.EncodeToString([]byte("bc")) + signed[strings.IndexByte(signed, '.'):]
	if _, err := s.Verify("a", forged); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("Verify(\"a\", MAC of (\"ab\", \"c\") on \"bc\") err = %v, want ErrInvalidSignature", err)
	}
}

func TestSignerRefusesTampering(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	signed := s.Sign("n", "amount=10")
	alphabet := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for i := range len(signed) {
		if signed[i] == '.' {
			continue
		}
		for _, c := range []byte{alphabet[mrand.IntN(64)], 'A', '_'} {
			if c == signed[i] {
				continue
			}
			b := []byte(signed)
			b[i] = c
			v, err := s.Verify("n", string(b))
			if err == nil {
				t.Fatalf("Verify(%q) (byte %d changed) = %q, nil; want an error", b, i, v)
			}
			if !errors.Is(err, ErrInvalidSignature) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("Verify(%q) err = %v, want ErrInvalidSignature or ErrMalformed", b, err)
			}
		}
	}
}

func TestSignerMalformed(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	good := s.Sign("n", "v")
	value, mac, _ := strings.Cut(good, ".")
	for _, signed := range []string{
		"",
		".",
		value,
		value + mac,
		value + "." + mac + ".",
		value + ".." + mac,
		"a.b.c",
		value + "." + mac[:42],
		value + "." + mac + "A",
		"dg==." + mac,                 // padded
		"d+." + mac,                   // standard alphabet, not URL
		"dh." + mac,                   // non-zero padding bits: not canonical
		value + "." + mac[:42] + "=",  // padded MAC
		value + "." + mac[:41] + "+A", // standard alphabet
	} {
		if v, err := s.Verify("n", signed); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify(%q) = %q, %v; want ErrMalformed", signed, v, err)
		}
	}
}

func TestSignerRotation(t *testing.T) {
	oldKey, newKey := signerTestKey(t), signerTestKey(t)
	before := signerForTest(t, oldKey)
	during := signerForTest(t, newKey, oldKey)
	after := signerForTest(t, newKey)

	old := before.Sign("n", "v1")
	if v, err := during.Verify("n", old); err != nil || v != "v1" {
		t.Errorf("a cookie signed with the old key, during rotation: Verify = %q, %v; want accepted", v, err)
	}
	fresh := during.Sign("n", "v2")
	if fresh != after.Sign("n", "v2") {
		t.Errorf("during rotation, Sign used another key than the first")
	}
	if _, err := before.Verify("n", fresh); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("signer without the new key verified a new cookie: err = %v", err)
	}
	if _, err := after.Verify("n", old); !errors.Is(err, ErrInvalidSignature) {
		t.Errorf("after the old key was dropped, its cookie still verified: err = %v", err)
	}
}

func TestSignerSetCookieAndCookie(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	rec := httptest.NewRecorder()
	c := &http.Cookie{Name: "prefs", Value: "lang=fr; theme=dark", Path: "/", HttpOnly: true}
	if err := s.SetCookie(rec, c); err != nil {
		t.Fatal(err)
	}
	if c.Value != "lang=fr; theme=dark" {
		t.Errorf("SetCookie changed the caller's cookie: Value = %q", c.Value)
	}
	set := rec.Result().Cookies()
	if len(set) != 1 || set[0].Name != "prefs" || !set[0].HttpOnly || set[0].Path != "/" {
		t.Fatalf("SetCookie set %v, want one HttpOnly cookie prefs with Path=/", set)
	}

	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(set[0])
	if v, err := s.Cookie(req, "prefs"); err != nil || v != c.Value {
		t.Errorf("Cookie = %q, %v; want %q", v, err, c.Value)
	}
	if _, err := s.Cookie(req, "other"); !errors.Is(err, http.ErrNoCookie) {
		t.Errorf("Cookie(absent) err = %v, want http.ErrNoCookie", err)
	}

	// A forged cookie sent first does not hide the genuine one.
	req = httptest.NewRequest("GET", "/", nil)
	req.AddCookie(&http.Cookie{Name: "prefs", Value: "Zm9yZ2Vk.AAAA"})
	req.AddCookie(set[0])
	if v, err := s.Cookie(req, "prefs"); err != nil || v != c.Value {
		t.Errorf("with a forged cookie first, Cookie = %q, %v; want %q", v, err, c.Value)
	}
	req = httptest.NewRequest("GET", "/", nil)
	req.AddCookie(&http.Cookie{Name: "prefs", Value: "Zm9yZ2Vk.AAAA"})
	if _, err := s.Cookie(req, "prefs"); !errors.Is(err, ErrMalformed) {
		t.Errorf("only a forged cookie: err = %v, want ErrMalformed", err)
	}
}

func TestSignerSetCookieRefuses(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	for _, c := range []*http.Cookie{
		{Name: "bad name", Value: "v"},
		{Name: "big", Value: strings.Repeat("x", 3100)}, // 4134 bytes signed
	} {
		rec := httptest.NewRecorder()
		if err := s.SetCookie(rec, c); err == nil {
			t.Errorf("SetCookie(%q, %d bytes) = nil, want an error", c.Name, len(c.Value))
		}
		if h := rec.Header().Values("Set-Cookie"); len(h) != 0 {
			t.Errorf("SetCookie(%q) failed but set %q", c.Name, h)
		}
	}
}

// TestSignerRealClient sends a signed cookie through a real server and a
// client with a cookie jar, and tampers with it in the jar.
func TestSignerRealClient(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	mux := http.NewServeMux()
	mux.HandleFunc("/set", func(w http.ResponseWriter, r *http.Request) {
		if err := s.SetCookie(w, &http.Cookie{Name: "who", Value: r.FormValue("v"), Path: "/"}); err != nil {
			http.Error(w, err.Error(), 500)
		}
	})
	mux.HandleFunc("/get", func(w http.ResponseWriter, r *http.Request) {
		v, err := s.Cookie(r, "who")
		if err != nil {
			http.Error(w, "refused", http.StatusForbidden)
			return
		}
		fmt.Fprint(w, v)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	client := srv.Client()
	client.Jar = jar

	want := fmt.Sprintf("ada-%d", mrand.IntN(1000))
	sessGet(t, client, srv.URL+"/set?v="+want)
	if code, body := sessGet(t, client, srv.URL+"/get"); code != 200 || body != want {
		t.Errorf("GET /get = %d %q, want 200 %q", code, body, want)
	}
	u := jar.Cookies(sessURL(t, srv.URL))
	value, mac, _ := strings.Cut(u[0].Value, ".")
	forged := base64.RawURLEncoding.EncodeToString([]byte("admin"))
	if forged == value {
		t.Fatal("test needs another value")
	}
	u[0].Value = forged + "." + mac
	jar.SetCookies(sessURL(t, srv.URL), u)
	if code, body := sessGet(t, client, srv.URL+"/get"); code != http.StatusForbidden {
		t.Errorf("after tampering, GET /get = %d %q, want 403", code, body)
	}
}

func TestSignerSignAllocs(t *testing.T) {
	s := signerForTest(t, signerTestKey(t))
	signed := s.Sign("n", "hello")
	if n := testing.AllocsPerRun(100, func() { s.Verify("n", signed) }); n > 12 {
		t.Errorf("Verify allocates %v times, want a few", n)
	}
}

func FuzzSignerVerify(f *testing.F) {
	s := signerForTest(f, bytes.Repeat([]byte{7}, MinKeyLen))
	f.Add("session", "hello", s.Sign("session", "hello"))
	f.Add("", "", ".")
	f.Add("a", "\x00\xff", "AP8.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
	f.Add("n", "v", "dg.dg.dg")
	f.Fuzz(func(t *testing.T, name, value, signed string) {
		if got, err := s.Verify(name, s.Sign(name, value)); err != nil || got != value {
			t.Fatalf("Verify(%q, Sign(%q)) = %q, %v", name, value, got, err)
		}
		got, err := s.Verify(name, signed)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrInvalidSignature) {
				t.Fatalf("Verify(%q) err = %v, not one of the sentinels", signed, err)
			}
			return
		}
		// The encoding is canonical: what verifies is exactly what Sign
		// would produce.
		if again := s.Sign(name, got); again != signed {
			t.Fatalf("Verify(%q) accepted a second encoding of %q (Sign gives %q)", signed, got, again)
		}
	})
}

func ExampleSigner() {
	key := bytes.Repeat([]byte("k"), 32) // use 32 bytes from crypto/rand
	s, err := NewSigner(key)
	if err != nil {
		panic(err)
	}
	signed := s.Sign("theme", "dark")
	fmt.Println(signed[:strings.IndexByte(signed, '.')])

	v, err := s.Verify("theme", signed)
	fmt.Println(v, err)
	_, err = s.Verify("role", signed) // the same value under another name
	fmt.Println(err)
	// Output:
	// ZGFyaw
	// dark <nil>
	// middleware: invalid signature
}

// sessGet GETs url with client and returns the status and body.
func sessGet(t *testing.T, client *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func sessURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
