package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMountContextRedirectKeepsPrefix(t *testing.T) {
	api := fmt.Sprintf("/api%d", rand.IntN(1000))
	inner := New()
	inner.Get("/deep/", func(http.ResponseWriter, *http.Request) {})
	sub := New()
	sub.Get("/users/", func(http.ResponseWriter, *http.Request) {})
	sub.Post("/form", func(http.ResponseWriter, *http.Request) {})
	sub.Mount("/in/{x}", inner)
	r := New()
	r.Mount(api, sub)
	r.Mount("/t/{tenant}", sub)
	for _, tt := range []struct{ method, target, want string }{
		{"GET", api + "/users?x=1", api + "/users/?x=1"},
		{"POST", api + "/form/", api + "/form"},
		{"GET", "/t/a%20b/users", "/t/a%20b/users/"}, // escaped, as a Location must be
		{"GET", "/t/a%2Fb/users", "/t/a%2Fb/users/"},
		{"GET", api + "/in/7/deep", api + "/in/7/deep/"}, // two mounts deep
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code/100 != 3 || w.Header().Get("Location") != tt.want {
			t.Errorf("%s %s = %d, Location %q; want a redirect to %q: the mounted router must put the prefix its mounts cut off back in front",
				tt.method, tt.target, w.Code, w.Header().Get("Location"), tt.want)
		}
	}
}

func TestMountContextKeepsPathValuesApart(t *testing.T) {
	user, item := fmt.Sprintf("u%d", rand.IntN(1000)), fmt.Sprintf("%d", rand.IntN(1000))
	var seen []string
	record := func(level string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				next.ServeHTTP(w, req)
				seen = append(seen, fmt.Sprintf("%s id=%s pattern=%s", level, req.PathValue("id"), req.Pattern))
			})
		}
	}
	items := New()
	items.Use(record("items"))
	items.Get("/items/{id}", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "item %s of user %s", req.PathValue("id"), req.PathValue("name"))
	})
	users := New()
	users.Use(record("users"))
	users.Mount("/{name}", items)
	r := New()
	r.Use(record("top"))
	r.Mount("/users/{id}", users)

	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("GET", "/users/"+user+"/ada/items/"+item, nil))
	if want := "item " + item + " of user ada"; w.Body.String() != want {
		t.Errorf("GET /users/%s/ada/items/%s = %q, want %q", user, item, w.Body, want)
	}
	want := []string{
		"items id=" + item + " pattern=/items/{id}",
		"users id=" + user + " pattern=/{name}/items/{id}",
		"top id=" + user + " pattern=/users/{id}/{name}/items/{id}",
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("the middleware of each level saw, from the inside out:\n%s\nwant:\n%s\n"+
			"each level keeps its own path values (hand the mounted handler a Clone of the request), and after next returns, req.Pattern is the whole pattern across the mounts",
			strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}
