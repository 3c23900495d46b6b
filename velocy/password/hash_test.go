package password

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
)

// fast are parameters that keep the tests quick: the cost is a
// parameter, not the code under test.
var fast = Params{Iterations: MinIterations, SaltLen: 16, KeyLen: 32}

func TestHashVerify(t *testing.T) {
	h, err := fast.Hash("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$pbkdf2-sha256$i=1000$") {
		t.Fatalf("Hash = %s", h)
	}
	for pw, want := range map[string]bool{"correct horse": true, "correct hors": false, "Correct horse": false, "": false} {
		if ok, err := Verify(pw, h); ok != want || err != nil {
			t.Errorf("Verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	h2, _ := fast.Hash("correct horse")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerifyUsesTheStoredParams(t *testing.T) {
	salt := []byte("a salt of 16 by.")
	key, _ := pbkdf2.Key(sha256.New, "pw", salt, 1234, 20)
	h := encode(1234, salt, key)
	if ok, err := Verify("pw", h); !ok || err != nil {
		t.Fatalf("Verify of a hash with 1234 iterations and a 20-byte key = %v, %v", ok, err)
	}
	other := encode(1234, []byte("another salt 16."), key)
	if ok, _ := Verify("pw", other); ok {
		t.Fatal("Verify ignores the salt")
	}
}

func TestVerifyMalformed(t *testing.T) {
	if ok, err := Verify("pw", "$2b$10$abcdefghijklmnopqrstuv"); ok || !errors.Is(err, ErrUnknownAlgorithm) {
		t.Fatalf("Verify of a bcrypt hash = %v, %v; want false, ErrUnknownAlgorithm", ok, err)
	}
	if ok, err := Verify("pw", "plain text"); ok || !errors.Is(err, ErrMalformed) {
		t.Fatalf("Verify of plain text = %v, %v; want false, ErrMalformed", ok, err)
	}
}

func TestHashRefusesBadParams(t *testing.T) {
	for _, p := range []Params{{}, {Iterations: 10, SaltLen: 16, KeyLen: 32}, {Iterations: 1000, SaltLen: 4, KeyLen: 32}, {Iterations: 1000, SaltLen: 16, KeyLen: 65}} {
		if _, err := p.Hash("pw"); err == nil {
			t.Errorf("%+v.Hash: no error", p)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	h, _ := fast.Hash("pw")
	if fast.NeedsRehash(h) {
		t.Error("NeedsRehash with the params it was made with = true")
	}
	if !NeedsRehash(h) {
		t.Error("NeedsRehash of a 1000-iteration hash against DefaultParams = false")
	}
	lower := fast
	lower.Iterations = MinIterations
	stronger, _ := Params{Iterations: 2000, SaltLen: 16, KeyLen: 32}.Hash("pw")
	if lower.NeedsRehash(stronger) {
		t.Error("a hash stronger than the params is rehashed (lowering params would weaken it)")
	}
	if !(Params{Iterations: 1000, SaltLen: 32, KeyLen: 32}).NeedsRehash(h) {
		t.Error("a 16-byte salt against params asking 32: NeedsRehash = false")
	}
	if !fast.NeedsRehash("garbage") {
		t.Error("NeedsRehash of an unreadable hash = false")
	}
}

// BenchmarkSHA256 and BenchmarkPBKDF2 give lesson 13.4 its numbers: the
// cost of one guess, for the attacker, with each.
func BenchmarkSHA256(b *testing.B) {
	salt := []byte("0123456789abcdef")
	for b.Loop() {
		h := sha256.New()
		h.Write(salt)
		h.Write([]byte("correct horse battery staple"))
		h.Sum(nil)
	}
}

func BenchmarkPBKDF2(b *testing.B) {
	salt := []byte("0123456789abcdef")
	for b.Loop() {
		pbkdf2.Key(sha256.New, "correct horse battery staple", salt, DefaultParams.Iterations, 32)
	}
}

func TestDummy(t *testing.T) {
	d := Dummy()
	got, err := decode(d)
	if err != nil {
		t.Fatal(err)
	}
	if got.iterations != DefaultParams.Iterations || len(got.salt) != DefaultParams.SaltLen || len(got.key) != DefaultParams.KeyLen {
		t.Fatalf("Dummy() = %s: not made with DefaultParams", d)
	}
	if Dummy() != d {
		t.Fatal("Dummy changes between calls")
	}
	// Verifying against it costs a full PBKDF2 (seconds under the race
	// detector); the step's check does it.
}
