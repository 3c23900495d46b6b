package injection

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/secret"
)

type dbConfig struct {
	User     string
	Password secret.Secret
}

// TestLogtarRedactsSecrets is lesson 13.10's leak through logtar, the
// book's own logger: a plain string field leaks, a secret.Secret does not,
// whether logged as an attribute, through With, or inside a struct.
func TestLogtarRedactsSecrets(t *testing.T) {
	const pw = "hunter2-in-production"
	var buf bytes.Buffer
	l, err := logtar.New(logtar.NewConfig().WithWriter(&buf))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("naive", "cfg", struct{ User, Password string }{"app", pw})
	naive := buf.String()
	buf.Reset()

	s := secret.New(pw)
	l.Info("config", "cfg", dbConfig{User: "app", Password: s}, "token", s)
	l.With("password", s).Info("child")
	slog.New(l.Handler()).Info("slog", "password", s, slog.Group("db", "password", s))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(naive, pw) {
		t.Fatalf("the naive config should leak: %s", naive)
	}
	out := buf.String()
	if strings.Contains(out, pw) || strings.Count(out, secret.Redacted) != 5 {
		t.Fatalf("want 5 %s and no password:\n%s", secret.Redacted, out)
	}
}
