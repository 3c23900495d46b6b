package password

import (
	"bytes"
	"crypto/pbkdf2"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// pwParams returns cheap random parameters: the cost is a parameter, and
// the check must not spend seconds on it.
func pwParams() Params {
	return Params{Iterations: MinIterations + rand.IntN(2000), SaltLen: 16 + rand.IntN(17), KeyLen: 16 + rand.IntN(17)}
}

func pwWord() string { return fmt.Sprintf("pass-%x", rand.Uint64()) }

func TestPwDefaultParams(t *testing.T) {
	p := DefaultParams
	if p.Iterations < 600_000 || p.Iterations > MaxIterations || p.SaltLen < 16 || p.SaltLen > MaxSaltLen || p.KeyLen != 32 {
		t.Fatalf("DefaultParams = %+v; want OWASP's advice for PBKDF2-HMAC-SHA256: 600,000 iterations or more, a salt of 16 bytes or more, a 32-byte key", p)
	}
}

func TestPwHash(t *testing.T) {
	p, pw := pwParams(), pwWord()
	h, err := p.Hash(pw)
	if err != nil {
		t.Fatalf("%+v.Hash: %v", p, err)
	}
	d, err := decode(h)
	if err != nil {
		t.Fatalf("%+v.Hash(%q) = %q, which does not decode: %v", p, pw, h, err)
	}
	if d.iterations != p.Iterations || len(d.salt) != p.SaltLen || len(d.key) != p.KeyLen {
		t.Fatalf("%+v.Hash gave %d iterations, a %d-byte salt and a %d-byte key: use p's", p, d.iterations, len(d.salt), len(d.key))
	}
	want, _ := pbkdf2.Key(sha256.New, pw, d.salt, d.iterations, len(d.key))
	if !bytes.Equal(d.key, want) {
		t.Fatalf("the key in %q is not pbkdf2.Key(sha256.New, password, salt, iterations, keyLen)", h)
	}
	h2, _ := p.Hash(pw)
	if d2, err := decode(h2); err != nil || bytes.Equal(d2.salt, d.salt) {
		t.Fatalf("two hashes of one password have the same salt: make a new random salt (crypto/rand) for every hash")
	}
	for _, bad := range []Params{{}, {Iterations: MinIterations - 1, SaltLen: 16, KeyLen: 32}, {Iterations: MinIterations, SaltLen: MinSaltLen - 1, KeyLen: 32}, {Iterations: MinIterations, SaltLen: 16, KeyLen: MaxKeyLen + 1}} {
		if h, err := bad.Hash(pw); err == nil {
			t.Errorf("%+v.Hash = %q, no error: refuse params the decoder would refuse", bad, h)
		}
	}
}

func TestPwVerify(t *testing.T) {
	p, pw := pwParams(), pwWord()
	h, err := p.Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := Verify(pw, h); !ok || err != nil {
		t.Fatalf("Verify(%q, its own hash) = %v, %v; want true, nil", pw, ok, err)
	}
	for _, wrong := range []string{pw + "x", pw[:len(pw)-1], "", "P" + pw[1:]} {
		if ok, err := Verify(wrong, h); ok || err != nil {
			t.Errorf("Verify(%q, hash of %q) = %v, %v; want false, nil", wrong, pw, ok, err)
		}
	}
}

func TestPwVerifyUsesTheHashItself(t *testing.T) {
	p, pw := pwParams(), pwWord()
	salt := make([]byte, p.SaltLen)
	for i := range salt {
		salt[i] = byte(rand.IntN(256))
	}
	key, _ := pbkdf2.Key(sha256.New, pw, salt, p.Iterations, p.KeyLen)
	if ok, err := Verify(pw, encode(p.Iterations, salt, key)); !ok || err != nil {
		t.Fatalf("Verify of a hash with %d iterations, a %d-byte salt and a %d-byte key = %v, %v: take them from the hash, not from DefaultParams", p.Iterations, p.SaltLen, p.KeyLen, ok, err)
	}
	other := append([]byte(nil), salt...)
	other[rand.IntN(len(other))] ^= 1 << rand.IntN(8)
	if ok, _ := Verify(pw, encode(p.Iterations, other, key)); ok {
		t.Fatal("Verify accepted a hash whose salt was changed: the salt must go into the derivation")
	}
	if ok, _ := Verify(pw, encode(p.Iterations+1, salt, key)); ok {
		t.Fatal("Verify accepted a hash whose iteration count was changed: use the hash's count")
	}
	for _, bad := range []string{"", "hunter2", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"} {
		if ok, err := Verify(pw, bad); ok || err == nil || !(errors.Is(err, ErrMalformed) || errors.Is(err, ErrUnknownAlgorithm)) {
			t.Errorf("Verify(pw, %q) = %v, %v; want false and decode's error", bad, ok, err)
		}
	}
}
