package static

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
)

// hideDotfilesName returns a random lower-case name.
func hideDotfilesName() string {
	b := make([]byte, 3+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestResolveHidesDotfiles(t *testing.T) {
	for range 20 {
		segs := []string{hideDotfilesName(), hideDotfilesName(), hideDotfilesName()}
		i := rand.IntN(len(segs))
		dotted := []string{".", "..", "%2e", "%2E."}[rand.IntN(4)] + segs[i]
		segs[i] = dotted
		p := "/" + strings.Join(segs, "/")
		name := strings.ReplaceAll(strings.ReplaceAll(strings.Join(segs, "/"), "%2e", "."), "%2E", ".")
		got := resolve(p, false)
		if got.status != http.StatusNotFound {
			t.Fatalf("resolve(%q, false) = %+v, want status 404: segment %q starts with a dot once decoded, a hidden file (.env, .git) answered as if it did not exist", p, got, dotted)
		}
		got = resolve(p, true)
		if got.status != 0 || got.name != name {
			t.Fatalf("resolve(%q, true) = %+v, want name %q and status 0: with allowDot, dotfiles are served", p, got, name)
		}
	}
}

func TestResolveHidesDotfilesAfterRefusing(t *testing.T) {
	// A path that is both hidden and malformed is malformed: 400 wins,
	// whichever segment comes first.
	p := "/." + hideDotfilesName() + "/%2e%2e/" + hideDotfilesName()
	if got := resolve(p, false); got.status != http.StatusBadRequest {
		t.Errorf("resolve(%q, false) = %+v, want 400: the \"..\" segment is refused before the dotfile is hidden", p, got)
	}
	p = "/." + hideDotfilesName()
	if got := resolve(p, false); got.status != http.StatusNotFound || got.problem == "" {
		t.Errorf("resolve(%q, false) = %+v, want status 404 with a problem such as \"404 page not found\"", p, got)
	}
}
