package csrf_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/csrf"
)

func Example() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /transfer", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "transferred\n")
	})
	h := csrf.Protect(csrf.Options{})(mux)

	// A form on another site, posted by the user's browser.
	r := httptest.NewRequest("POST", "https://bank.example/transfer", strings.NewReader("to=mallory"))
	r.Header.Set("Origin", "https://evil.example")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Print(w.Code, " ", w.Body.String())

	// The bank's own page.
	r = httptest.NewRequest("POST", "https://bank.example/transfer", strings.NewReader("to=bob"))
	r.Header.Set("Origin", "https://bank.example")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Print(w.Code, " ", w.Body.String())
	// Output:
	// 403 {"type":"about:blank","title":"Forbidden","status":403,"detail":"cross-origin request refused: Sec-Fetch-Site \"cross-site\" and Origin \"https://evil.example\" is not trusted"}
	// 200 transferred
}

func ExampleToken() {
	var first, second string
	mux := http.NewServeMux()
	mux.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) {
		// A page that renders the token twice gets two different strings.
		first, second = csrf.Token(r), csrf.Token(r)
	})
	mux.HandleFunc("POST /transfer", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "transferred\n")
	})
	h := csrf.Protect(csrf.Options{Key: []byte("an example key, 32 bytes or more"), Insecure: true})(mux)

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "http://shop.example/form", nil))
	cookie := w.Result().Cookies()[0]
	fmt.Println("same string twice:", first == second)

	post := func(token string) {
		r := httptest.NewRequest("POST", "http://shop.example/transfer", nil)
		r.Header.Set("Origin", "http://shop.example")
		r.Header.Set(csrf.HeaderName, token)
		r.AddCookie(cookie)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code)
	}
	post(first)
	post(second)
	post(cookie.Value) // the token unmasked, as the cookie holds it
	// Output:
	// same string twice: false
	// 200
	// 200
	// 403
}
