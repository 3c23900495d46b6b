package safenet_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/safenet"
)

func ExampleOptions_Client() {
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "admin panel")
	}))
	defer internal.Close()

	// A user asks for a preview of a URL on our own loopback.
	_, err := safenet.Options{}.Client().Get(internal.URL)
	fmt.Println(errors.Is(err, safenet.ErrForbidden))
	// Output: true
}

func ExampleClassify() {
	for _, s := range []string{"::ffff:127.0.0.1", "169.254.169.254", "10.0.0.7", "8.8.8.8"} {
		fmt.Printf("%s: %q\n", s, safenet.Classify(netip.MustParseAddr(s)))
	}
	// Output:
	// ::ffff:127.0.0.1: "loopback"
	// 169.254.169.254: "metadata"
	// 10.0.0.7: "private"
	// 8.8.8.8: ""
}

func ExampleLocalPath() {
	for _, next := range []string{"/account?tab=keys", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example"} {
		fmt.Println(next, safenet.LocalPath(next))
	}
	// Output:
	// /account?tab=keys true
	// //evil.example false
	// /\evil.example false
	// /%2F%2Fevil.example false
}
