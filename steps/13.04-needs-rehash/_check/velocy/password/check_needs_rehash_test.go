package password

import (
	"math/rand/v2"
	"testing"
)

func TestPwNeedsRehash(t *testing.T) {
	p := Params{Iterations: MinIterations + rand.IntN(5000), SaltLen: 16 + rand.IntN(8), KeyLen: 32}
	h, err := p.Hash("pw")
	if err != nil {
		t.Fatal(err)
	}
	if p.NeedsRehash(h) {
		t.Errorf("%+v.NeedsRehash(a hash made with those very params) = true", p)
	}
	more := p
	more.Iterations += 1 + rand.IntN(1000)
	if !more.NeedsRehash(h) {
		t.Errorf("%+v.NeedsRehash(a hash with %d iterations) = false: fewer iterations than asked is weaker", more, p.Iterations)
	}
	less := p
	less.Iterations -= rand.IntN(p.Iterations - MinIterations + 1)
	if less.Iterations < p.Iterations && less.NeedsRehash(h) {
		t.Errorf("%+v.NeedsRehash(a hash with %d iterations) = true: a stronger hash than asked is kept", less, p.Iterations)
	}
	longer := p
	longer.SaltLen += 1 + rand.IntN(8)
	if !longer.NeedsRehash(h) {
		t.Errorf("%+v.NeedsRehash(a hash with a %d-byte salt) = false: a shorter salt than asked is weaker", longer, p.SaltLen)
	}
	key := p
	key.KeyLen = 16 + rand.IntN(16)
	if !key.NeedsRehash(h) {
		t.Errorf("%+v.NeedsRehash(a hash with a 32-byte key) = false: a key of another length is rehashed", key)
	}
	if !p.NeedsRehash("not a hash") || !p.NeedsRehash("") {
		t.Error("NeedsRehash of something that does not decode = false, want true")
	}
	if !NeedsRehash(h) {
		t.Errorf("NeedsRehash (against DefaultParams) of a hash with %d iterations = false", p.Iterations)
	}
}
