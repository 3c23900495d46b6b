package secret

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
)

func logValueSecret() (string, Secret) {
	v := fmt.Sprintf("tok_%x", rand.Uint64())
	return v, New(v)
}

type logValueConfig struct {
	User     string
	Password Secret
	Keys     []Secret
}

func TestSecretSlogHandlers(t *testing.T) {
	v, s := logValueSecret()
	cfg := logValueConfig{User: "app", Password: s, Keys: []Secret{s}}
	for name, mk := range map[string]func(*bytes.Buffer) slog.Handler{
		"JSONHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"TextHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		l := slog.New(mk(&buf))
		l.Info("login", "password", s)
		l.With("token", s).WithGroup("db").Info("open", "cfg", cfg)
		out := buf.String()
		if strings.Contains(out, v) {
			t.Fatalf("slog.%s wrote the value:\n%s", name, out)
		}
		if strings.Count(out, Redacted) < 4 {
			t.Fatalf("slog.%s output has %d %s, want one for each of password, token, cfg.Password and cfg.Keys:\n%s",
				name, strings.Count(out, Redacted), Redacted, out)
		}
	}
	if got := s.LogValue(); got.Kind() != slog.KindString || got.String() != Redacted {
		t.Fatalf("LogValue() = %v (%v), want the string %q", got, got.Kind(), Redacted)
	}
}

func TestSecretJSON(t *testing.T) {
	v, s := logValueSecret()
	out, err := json.Marshal(map[string]any{"password": s, "cfg": logValueConfig{Password: s}, "ptr": &s})
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	if bytes.Contains(out, []byte(v)) || bytes.Count(out, []byte(`"`+Redacted+`"`)) != 3 {
		t.Fatalf("json.Marshal = %s, want \"%s\" three times", out, Redacted)
	}
	text, err := s.MarshalText()
	if err != nil || string(text) != Redacted {
		t.Fatalf("MarshalText() = %q, %v", text, err)
	}
}

func TestSecretFromJSONConfig(t *testing.T) {
	v, _ := logValueSecret()
	var cfg logValueConfig
	if err := json.Unmarshal([]byte(`{"User":"app","Password":"`+v+`"}`), &cfg); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	if cfg.Password.Reveal() != v {
		t.Fatalf("after json.Unmarshal, Password.Reveal() = %q, want %q", cfg.Password.Reveal(), v)
	}
}
