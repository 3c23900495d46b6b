package testkit

import (
	"errors"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

func agreeRandomQuery(r *rand.Rand) string {
	pieces := []string{"a", "b", "=", "&", "+", "%20", "%4", "%zz", ";", "x", "%", "1"}
	var b strings.Builder
	for range r.IntN(10) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestAgreeQuery(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 7))
	oracle := func(s string) (map[string][]string, error) { return url.ParseQuery(s) }
	for range 300 {
		raw := agreeRandomQuery(r)
		if err := AgreeQuery(oracle, raw); err != nil {
			t.Fatalf("AgreeQuery(url.ParseQuery, %q) = %v, want nil: a parser that answers like the oracle agrees", raw, err)
		}
	}
	key := "k" + strings.Repeat("x", r.IntN(3))
	for _, tc := range []struct {
		name  string
		parse func(string) (map[string][]string, error)
		raw   string
	}{
		{"keeps '+'", func(s string) (map[string][]string, error) {
			m, err := url.ParseQuery(strings.ReplaceAll(s, "+", "%2B"))
			return m, err
		}, key + "=a+b"},
		{"never fails", func(s string) (map[string][]string, error) {
			return map[string][]string{}, nil
		}, key + "=%zz"},
		{"always fails", func(s string) (map[string][]string, error) {
			return nil, errors.New("no")
		}, key + "=1"},
		{"drops the last value", func(s string) (map[string][]string, error) {
			m, err := url.ParseQuery(s)
			for k, v := range m {
				m[k] = v[:len(v)-1]
			}
			return m, err
		}, key + "=1&" + key + "=2"},
		{"reverses values", func(s string) (map[string][]string, error) {
			m, err := url.ParseQuery(s)
			for _, v := range m {
				for i, j := 0, len(v)-1; i < j; i, j = i+1, j-1 {
					v[i], v[j] = v[j], v[i]
				}
			}
			return m, err
		}, key + "=1&" + key + "=2"},
		{"panics", func(s string) (map[string][]string, error) {
			var m map[string][]string
			m[s] = nil
			return m, nil
		}, key},
	} {
		err := AgreeQuery(tc.parse, tc.raw)
		if err == nil {
			t.Fatalf("AgreeQuery(a parser that %s, %q) = nil, want an error", tc.name, tc.raw)
		}
		if tc.name == "panics" && !strings.Contains(err.Error(), "panic") {
			t.Fatalf("AgreeQuery(a parser that panics) = %v, want an error that says it panicked", err)
		}
		if !strings.Contains(err.Error(), tc.raw) && !strings.Contains(err.Error(), url.QueryEscape(tc.raw)) {
			t.Fatalf("AgreeQuery(a parser that %s, %q) = %v: the error should show the input", tc.name, tc.raw, err)
		}
	}
}
