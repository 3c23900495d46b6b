package secret

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func redactValue() string { return fmt.Sprintf("pw-%x-%d", rand.Uint64(), rand.IntN(1000)) }

type redactConfig struct {
	Host     string
	Password Secret
	token    Secret
	Keys     []Secret
	ByName   map[string]Secret
	Ptr      *Secret
}

func TestSecretFormatVerbs(t *testing.T) {
	v := redactValue()
	s := New(v)
	if s.Reveal() != v {
		t.Fatalf("New(%q).Reveal() = %q", v, s.Reveal())
	}
	for verb, want := range map[string]string{
		"%v": Redacted, "%+v": Redacted, "%s": Redacted, "%q": `"` + Redacted + `"`,
		"%#v": "secret.Secret{" + Redacted + "}", "%x": Redacted, "%X": Redacted, "%d": Redacted,
	} {
		if got := fmt.Sprintf(verb, s); got != want {
			t.Fatalf("Sprintf(%q, New(%q)) = %q, want %q", verb, v, got, want)
		}
	}
	if s.String() != Redacted || s.GoString() != "secret.Secret{"+Redacted+"}" {
		t.Fatalf("String() = %q, GoString() = %q", s.String(), s.GoString())
	}
	var zero Secret
	if zero.Reveal() != "" || !zero.IsZero() || fmt.Sprint(zero) != Redacted {
		t.Fatalf("the zero Secret: Reveal %q, IsZero %v, Sprint %q; want \"\", true, %q", zero.Reveal(), zero.IsZero(), fmt.Sprint(zero), Redacted)
	}
}

func TestSecretInsideStructs(t *testing.T) {
	v := redactValue()
	s := New(v)
	cfg := redactConfig{Host: "db", Password: s, token: s, Keys: []Secret{s}, ByName: map[string]Secret{"k": s}, Ptr: &s}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, arg := range []any{cfg, &cfg, []any{s}, fmt.Errorf("login with %v failed", s)} {
			got := fmt.Sprintf(verb, arg)
			if strings.Contains(got, v) || strings.Contains(got, fmt.Sprintf("%x", v)) {
				t.Fatalf("Sprintf(%q, %T) = %s: the value leaked (an unexported field is printed by reflection, without calling Format)", verb, arg, got)
			}
		}
	}
	if got := fmt.Sprintf("%+v", cfg); !strings.Contains(got, "Password:"+Redacted) {
		t.Fatalf("Sprintf(%%+v, cfg) = %s, want Password:%s", got, Redacted)
	}
}
