package middleware

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/slogtest"
)

// logContextCheckID returns a random request id and a context holding it,
// as RequestID leaves it.
func logContextCheckID() (string, context.Context) {
	id := fmt.Sprintf("id-%d", rand.IntN(1e9))
	return id, context.WithValue(context.Background(), requestIDKey{}, id)
}

// logContextCheckJSON returns a JSON handler without times writing to buf.
func logContextCheckJSON(buf *bytes.Buffer) slog.Handler {
	return slog.NewJSONHandler(buf, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})
}

// logContextCheckLines returns the lines logged to buf.
func logContextCheckLines(buf *bytes.Buffer) []string {
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

func TestContextHandlerAddsRequestID(t *testing.T) {
	id, ctx := logContextCheckID()
	var buf bytes.Buffer
	logger := slog.New(ContextHandler(logContextCheckJSON(&buf)))
	logger.InfoContext(ctx, "with", "k", 1)
	logger.Info("without")
	logger.InfoContext(ctx, "own", "request_id", "mine")
	logger.With("request_id", "preset").InfoContext(ctx, "preset")
	got := logContextCheckLines(&buf)
	want := []string{
		fmt.Sprintf(`{"level":"INFO","msg":"with","k":1,"request_id":%q}`, id),
		`{"level":"INFO","msg":"without"}`,
		`{"level":"INFO","msg":"own","request_id":"mine"}`,
		`{"level":"INFO","msg":"preset","request_id":"preset"}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("with the id %q in ctx: InfoContext(ctx, ...), Info(...), InfoContext(ctx, ..., \"request_id\", \"mine\"), With(\"request_id\", \"preset\").InfoContext(ctx, ...) logged\n%s\nwant\n%s\n(the id added only to records with a context and no request_id of their own)", id, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestContextHandlerIDStaysTopLevel(t *testing.T) {
	id, ctx := logContextCheckID()
	var buf bytes.Buffer
	logger := slog.New(ContextHandler(logContextCheckJSON(&buf))).With("app", "shop")
	db := logger.WithGroup("db").With("table", "orders").WithGroup("q")
	db.InfoContext(ctx, "slow", "ms", 30)
	got := logContextCheckLines(&buf)
	want := fmt.Sprintf(`{"level":"INFO","msg":"slow","app":"shop","request_id":%q,"db":{"table":"orders","q":{"ms":30}}}`, id)
	if len(got) != 1 || got[0] != want {
		t.Errorf("logger.With(\"app\", \"shop\").WithGroup(\"db\").With(\"table\", \"orders\").WithGroup(\"q\").InfoContext(ctx, \"slow\", \"ms\", 30) logged\n%s\nwant\n%s\n(request_id at the top level, not in a group)", strings.Join(got, "\n"), want)
	}
}

func TestContextHandlerSlogtest(t *testing.T) {
	id, _ := logContextCheckID()
	var buf bytes.Buffer
	h := logContextCheckInjector{ContextHandler(slog.NewJSONHandler(&buf, nil)), id}
	results := func() []map[string]any {
		var ms []map[string]any
		missing := 0
		for line := range bytes.Lines(buf.Bytes()) {
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			if m["request_id"] != id {
				if missing == 0 {
					t.Errorf("testing/slogtest, with the id %q in every context, logged\n%s(no request_id at the top level)", id, line)
				}
				missing++
			}
			delete(m, "request_id")
			ms = append(ms, m)
		}
		if missing > 1 {
			t.Errorf("... and %d more records without it", missing-1)
		}
		return ms
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Errorf("testing/slogtest, with an id in every context: %v", err)
	}
}

// logContextCheckInjector hands every record to h with a context holding
// a request id.
type logContextCheckInjector struct {
	h  slog.Handler
	id string
}

func (c logContextCheckInjector) Enabled(ctx context.Context, l slog.Level) bool {
	return c.h.Enabled(ctx, l)
}

func (c logContextCheckInjector) Handle(ctx context.Context, r slog.Record) error {
	return c.h.Handle(context.WithValue(ctx, requestIDKey{}, c.id), r)
}

func (c logContextCheckInjector) WithAttrs(as []slog.Attr) slog.Handler {
	return logContextCheckInjector{c.h.WithAttrs(as), c.id}
}

func (c logContextCheckInjector) WithGroup(name string) slog.Handler {
	return logContextCheckInjector{c.h.WithGroup(name), c.id}
}
