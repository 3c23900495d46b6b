package password

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func pwRandom(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return b
}

func pwRandomHash() (int, []byte, []byte) {
	return MinIterations + rand.IntN(MaxIterations-MinIterations+1),
		pwRandom(MinSaltLen + rand.IntN(MaxSaltLen-MinSaltLen+1)),
		pwRandom(MinKeyLen + rand.IntN(MaxKeyLen-MinKeyLen+1))
}

func TestPwEncode(t *testing.T) {
	for range 50 {
		i, salt, key := pwRandomHash()
		want := fmt.Sprintf("$pbkdf2-sha256$i=%d$%s$%s", i, base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
		if got := encode(i, salt, key); got != want {
			t.Fatalf("encode(%d, salt, key) =\n  %q\nwant\n  %q\n(unpadded standard base64: b64)", i, got, want)
		}
	}
}

func TestPwDecodeRoundTrip(t *testing.T) {
	for range 50 {
		i, salt, key := pwRandomHash()
		s := encode(i, salt, key)
		d, err := decode(s)
		if err != nil {
			t.Fatalf("decode(%q): %v", s, err)
		}
		if d.iterations != i || !bytes.Equal(d.salt, salt) || !bytes.Equal(d.key, key) {
			t.Fatalf("decode(%q) = {iterations %d, salt %x, key %x}, want {%d, %x, %x}", s, d.iterations, d.salt, d.key, i, salt, key)
		}
	}
}

func TestPwDecodeRefuses(t *testing.T) {
	i, salt, key := pwRandomHash()
	// Built by hand, not with encode, so that this test says something
	// useful before encode is written.
	good := fmt.Sprintf("$pbkdf2-sha256$i=%d$%s$%s", i, base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
	if _, err := decode(good); err != nil {
		t.Fatalf("decode(%q): %v", good, err)
	}
	parts := strings.Split(good, "$")
	with := func(n int, v string) string {
		p := append([]string(nil), parts...)
		p[n] = v
		return strings.Join(p, "$")
	}
	b64 := base64.RawStdEncoding.EncodeToString
	cases := []struct {
		why, s string
		want   error
	}{
		{"empty", "", ErrMalformed},
		{"no leading $", good[1:], ErrMalformed},
		{"a sixth part", good + "$x", ErrMalformed},
		{"a missing part", strings.Join(parts[:4], "$"), ErrMalformed},
		{"longer than maxEncodedLen", with(3, strings.Repeat("A", maxEncodedLen)), ErrMalformed},
		{"another algorithm", with(1, "argon2id"), ErrUnknownAlgorithm},
		{"bcrypt", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", ErrUnknownAlgorithm},
		{"no i=", with(2, fmt.Sprint(i)), ErrMalformed},
		{"i= empty", with(2, "i="), ErrMalformed},
		{"a leading zero", with(2, fmt.Sprintf("i=0%d", i)), ErrMalformed},
		{"a plus sign", with(2, fmt.Sprintf("i=+%d", i)), ErrMalformed},
		{"too few iterations", with(2, fmt.Sprintf("i=%d", rand.IntN(MinIterations))), ErrMalformed},
		{"too many iterations", with(2, fmt.Sprintf("i=%d", MaxIterations+1+rand.IntN(1<<30))), ErrMalformed},
		{"iterations that overflow int", with(2, "i=99999999999999999999999"), ErrMalformed},
		{"padded salt", with(3, base64.StdEncoding.EncodeToString(pwRandom(MinSaltLen+2))), ErrMalformed},
		{"short salt", with(3, b64(pwRandom(MinSaltLen-1))), ErrMalformed},
		{"long salt", with(3, b64(pwRandom(MaxSaltLen+1))), ErrMalformed},
		{"short key", with(4, b64(pwRandom(MinKeyLen-1))), ErrMalformed},
		{"long key", with(4, b64(pwRandom(MaxKeyLen+1))), ErrMalformed},
		{"not base64", with(4, "!!"+parts[4][2:]), ErrMalformed},
		{"URL-safe base64", with(4, base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{0xfb}, MinKeyLen))), ErrMalformed},
		{"a line break in the key", with(4, parts[4][:4]+"\n"+parts[4][4:]), ErrMalformed},
	}
	for _, c := range cases {
		if _, err := decode(c.s); !errors.Is(err, c.want) {
			t.Errorf("decode of a hash with %s (%.60q): error %v, want one wrapping %v", c.why, c.s, err, c.want)
		}
	}
}
