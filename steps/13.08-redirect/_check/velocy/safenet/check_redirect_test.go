package safenet

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

func redirectWord() string { return fmt.Sprintf("w%d", rand.IntN(1e6)) }

func redirectDo(target, fallback string, code int) (int, string) {
	rec := httptest.NewRecorder()
	Redirect(rec, httptest.NewRequest("POST", "/login", nil), target, fallback, code)
	return rec.Code, rec.Header().Get("Location")
}

func TestSafenetRedirect(t *testing.T) {
	target := "/" + redirectWord() + "/" + redirectWord() + "?tab=" + redirectWord()
	fallback := "/" + redirectWord()
	codes := []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}
	code := codes[rand.IntN(len(codes))]
	if got, loc := redirectDo(target, fallback, code); got != code || loc != target {
		t.Fatalf("Redirect(%q, fallback %q, %d): %d with Location %q, want %d with the target", target, fallback, code, got, loc, code)
	}
	evil := "//" + redirectWord() + ".example"
	for _, bad := range []string{evil, "/\\" + redirectWord() + ".example", "https:" + evil} {
		if got, loc := redirectDo(bad, fallback, 0); got != http.StatusSeeOther || loc != fallback {
			t.Fatalf("Redirect(%q, fallback %q, 0): %d with Location %q, want 303 to the fallback", bad, fallback, got, loc)
		}
	}
	if got, loc := redirectDo(evil, evil, http.StatusOK); got != http.StatusSeeOther || loc != "/" {
		t.Fatalf("Redirect(%q, fallback %q, 200): %d with Location %q, want 303 to \"/\": the fallback is checked too", evil, evil, got, loc)
	}
}
