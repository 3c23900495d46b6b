package secret

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

const testValue = "hunter2-s3cr3t"

type dbConfig struct {
	Host     string
	Password Secret
	token    Secret
	Ptr      *Secret
	List     []Secret
	ByName   map[string]Secret
}

func testConfig() dbConfig {
	s := New(testValue)
	return dbConfig{Host: "db", Password: s, token: s, Ptr: &s, List: []Secret{s}, ByName: map[string]Secret{"a": s}}
}

func TestFormatVerbs(t *testing.T) {
	s := New(testValue)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s", "%-8v", "%T"} {
		for _, arg := range []any{s, &s, testConfig(), &[]Secret{s}, fmt.Errorf("login: %v", s)} {
			got := fmt.Sprintf(verb, arg)
			if strings.Contains(got, testValue) || strings.Contains(got, fmt.Sprintf("%x", testValue)) {
				t.Errorf("Sprintf(%q, %T) = %q: the value leaked", verb, arg, got)
			}
		}
	}
	for verb, want := range map[string]string{
		"%v": Redacted, "%+v": Redacted, "%s": Redacted, "%q": `"` + Redacted + `"`,
		"%#v": "secret.Secret{" + Redacted + "}", "%x": Redacted,
	} {
		if got := fmt.Sprintf(verb, s); got != want {
			t.Errorf("Sprintf(%q, s) = %q, want %q", verb, got, want)
		}
	}
	if got := fmt.Sprint(s) + s.String(); got != Redacted+Redacted {
		t.Errorf("Sprint and String = %q", got)
	}
}

func TestReveal(t *testing.T) {
	if got := New(testValue).Reveal(); got != testValue {
		t.Fatalf("Reveal() = %q", got)
	}
	var zero Secret
	if zero.Reveal() != "" || !zero.IsZero() || New("").IsZero() != true || New("x").IsZero() {
		t.Fatal("IsZero or Reveal on empty secrets")
	}
	if fmt.Sprint(zero) != Redacted {
		t.Fatal("the zero Secret must print as Redacted too")
	}
}

func TestErrorsDoNotLeak(t *testing.T) {
	err := fmt.Errorf("connect as %s with %v: %w", "app", New(testValue), errors.New("refused"))
	if strings.Contains(err.Error(), testValue) {
		t.Fatal(err)
	}
}
