package secret

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// logAll logs one record of every shape slogtest exercises (attrs, With,
// groups, WithGroup, nested groups, structs) through h.
func logAll(h slog.Handler) {
	s := New(testValue)
	l := slog.New(h)
	l.Info("direct", "password", s, "ptr", &s)
	l.With("password", s).Info("with")
	l.Info("group", slog.Group("db", "password", s))
	l.WithGroup("g").With("password", s).Info("withgroup", "again", s)
	l.LogAttrs(context.Background(), slog.LevelInfo, "attrs", slog.Any("password", s))
	l.Info("struct", "cfg", testConfig())
	r := slog.NewRecord(time.Time{}, slog.LevelWarn, "record", 0)
	r.AddAttrs(slog.Any("password", s), slog.Group("a", slog.Group("b", slog.Any("c", s))))
	h.Handle(context.Background(), r)
}

func TestSlogJSONHandler(t *testing.T) {
	var buf bytes.Buffer
	logAll(slog.NewJSONHandler(&buf, nil))
	out := buf.String()
	if strings.Contains(out, testValue) {
		t.Fatalf("the value leaked:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 7:\n%s", len(lines), out)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first["password"] != Redacted || first["ptr"] != Redacted {
		t.Fatalf("password = %v, ptr = %v, want %q", first["password"], first["ptr"], Redacted)
	}
	var last map[string]any
	json.Unmarshal([]byte(lines[6]), &last)
	if c := last["a"].(map[string]any)["b"].(map[string]any)["c"]; c != Redacted {
		t.Fatalf("a.b.c = %v", c)
	}
}

func TestSlogTextHandler(t *testing.T) {
	var buf bytes.Buffer
	logAll(slog.NewTextHandler(&buf, nil))
	out := buf.String()
	if strings.Contains(out, testValue) {
		t.Fatalf("the value leaked:\n%s", out)
	}
	if !strings.Contains(out, "password="+Redacted) || !strings.Contains(out, "g.again="+Redacted) {
		t.Fatalf("missing redacted fields:\n%s", out)
	}
}

// TestJSONLikeLogtar encodes values the way logtar does (and many
// handlers): resolve LogValuers, then encoding/json for anything else.
func TestJSONLikeLogtar(t *testing.T) {
	for _, v := range []any{New(testValue), testConfig(), map[Secret]int{New(testValue): 1}} {
		val := slog.AnyValue(v).Resolve()
		var data []byte
		var err error
		if val.Kind() == slog.KindAny {
			data, err = json.Marshal(val.Any())
		} else {
			data, err = json.Marshal(val.String())
		}
		if err != nil || bytes.Contains(data, []byte(testValue)) || !bytes.Contains(data, []byte(Redacted)) {
			t.Errorf("%T: %s, %v", v, data, err)
		}
	}
}

func TestUnmarshalConfig(t *testing.T) {
	var cfg struct{ Password Secret }
	if err := json.Unmarshal([]byte(`{"Password":"`+testValue+`"}`), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Password.Reveal() != testValue {
		t.Fatalf("Reveal() = %q", cfg.Password.Reveal())
	}
	out, _ := json.Marshal(cfg)
	if string(out) != `{"Password":"[REDACTED]"}` {
		t.Fatalf("Marshal = %s", out)
	}
}
