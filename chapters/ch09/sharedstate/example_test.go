package sharedstate_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch09/sharedstate"
)

func Example() {
	app := sharedstate.New(slog.New(slog.DiscardHandler), sharedstate.Config{Greeting: "Hello", Version: 1})
	h := app.Routes()
	get := func(path string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		b, _ := io.ReadAll(w.Body)
		fmt.Print(string(b))
	}
	get("/hello/ada")
	app.SetConfig(sharedstate.Config{Greeting: "Bonjour", Version: 2})
	get("/hello/ada")
	get("/stats")
	// Output:
	// Hello, ada! (visit 1)
	// Bonjour, ada! (visit 2)
	// hits 3
}
