package password

import (
	"math/rand/v2"
	"testing"
)

func TestPwDummy(t *testing.T) {
	d := Dummy()
	got, err := decode(d)
	if err != nil {
		t.Fatalf("Dummy() = %q, which does not decode: %v", d, err)
	}
	if got.iterations != DefaultParams.Iterations || len(got.salt) != DefaultParams.SaltLen || len(got.key) != DefaultParams.KeyLen {
		t.Fatalf("Dummy() has %d iterations, a %d-byte salt and a %d-byte key; want DefaultParams %+v: the dummy must cost what a real user's hash costs", got.iterations, len(got.salt), len(got.key), DefaultParams)
	}
	if again := Dummy(); again != d {
		t.Fatalf("Dummy() gave %q, then %q: make it once and return the same hash", d, again)
	}
	guesses := []string{"", "password", "123456", "dummy", "not anybody's password", "letmein"}
	g := guesses[rand.IntN(len(guesses))]
	if ok, err := Verify(g, d); ok || err != nil {
		t.Fatalf("Verify(%q, Dummy()) = %v, %v: the dummy's password must be random, known to nobody", g, ok, err)
	}
}
