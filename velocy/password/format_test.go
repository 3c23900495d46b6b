package password

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestDecodeRoundTrip(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := bytes.Repeat([]byte{0xfb}, 32)
	s := encode(600_000, salt, key)
	if want := "$pbkdf2-sha256$i=600000$MDEyMzQ1Njc4OWFiY2RlZg$+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/s"; s != want {
		t.Fatalf("encode = %s\nwant     %s", s, want)
	}
	d, err := decode(s)
	if err != nil {
		t.Fatal(err)
	}
	if d.iterations != 600_000 || !bytes.Equal(d.salt, salt) || !bytes.Equal(d.key, key) {
		t.Fatalf("decode(%s) = %+v", s, d)
	}
}

func TestDecodeRefuses(t *testing.T) {
	good := encode(1000, []byte("saltsalt"), bytes.Repeat([]byte{1}, 16))
	parts := strings.Split(good, "$")
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	for _, c := range []struct {
		name, s string
		want    error
	}{
		{"empty", "", ErrMalformed},
		{"no leading $", good[1:], ErrMalformed},
		{"extra part", good + "$x", ErrMalformed},
		{"too long", good + strings.Repeat("A", 300), ErrMalformed},
		{"other algorithm", with(1, "argon2id"), ErrUnknownAlgorithm},
		{"no i=", with(2, "1000"), ErrMalformed},
		{"leading zero", with(2, "i=01000"), ErrMalformed},
		{"plus sign", with(2, "i=+1000"), ErrMalformed},
		{"too few iterations", with(2, "i=999"), ErrMalformed},
		{"too many iterations", with(2, "i=2000000000"), ErrMalformed},
		{"overflow", with(2, "i=99999999999999999999999"), ErrMalformed},
		{"padded salt", with(3, parts[3]+"="), ErrMalformed},
		{"short salt", with(3, "c2FsdA"), ErrMalformed},
		{"bad base64", with(4, "!!!!"), ErrMalformed},
		{"non-canonical base64", with(4, parts[4][:len(parts[4])-1]+"F"), ErrMalformed},
		{"short key", with(4, "AQID"), ErrMalformed},
	} {
		if _, err := decode(c.s); !errors.Is(err, c.want) {
			t.Errorf("%s: decode(%q) error = %v, want %v", c.name, c.s, err, c.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encode(600_000, []byte("0123456789abcdef"), bytes.Repeat([]byte{7}, 32)))
	f.Add("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$AQEBAQEBAQEBAQEBAQEBAQ")
	f.Add("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
	f.Add("$$$$")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decode(s)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnknownAlgorithm) {
				t.Fatalf("decode(%q): error %v wraps neither ErrMalformed nor ErrUnknownAlgorithm", s, err)
			}
			return
		}
		if d.iterations < MinIterations || d.iterations > MaxIterations ||
			len(d.salt) < MinSaltLen || len(d.salt) > MaxSaltLen ||
			len(d.key) < MinKeyLen || len(d.key) > MaxKeyLen {
			t.Fatalf("decode(%q) = %+v: outside the limits", s, d)
		}
		if back := encode(d.iterations, d.salt, d.key); back != s {
			t.Fatalf("decode(%q) then encode = %q: two spellings of one hash", s, back)
		}
	})
}
