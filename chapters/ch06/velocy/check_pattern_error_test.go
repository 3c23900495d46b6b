package velocy

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"
)

func TestPatternErrorMessage(t *testing.T) {
	tests := []struct {
		give *PatternError
		want string
	}{
		{&PatternError{Method: "GET", Pattern: "/x", Offset: -1, Problem: "nil handler"}, `velocy: GET "/x": nil handler`},
		{&PatternError{Method: "GET", Pattern: "/users/{id", Offset: 10, Problem: "wildcard has no closing '}'"}, `velocy: GET "/users/{id": at offset 10: wildcard has no closing '}'`},
		{&PatternError{Method: "GET", Pattern: "users", Offset: 0, Problem: "pattern must begin with '/'"}, `velocy: GET "users": at offset 0: pattern must begin with '/'`},
		{&PatternError{Pattern: "/api", Offset: -1, Problem: "nil handler"}, `velocy: "/api": nil handler`},
		{&PatternError{Method: "POST", Pattern: `/say "hi"`, Offset: 4, Problem: "invalid character ' '"}, `velocy: POST "/say \"hi\"": at offset 4: invalid character ' '`},
	}
	for _, tt := range tests {
		if got := tt.give.Error(); got != tt.want {
			t.Errorf("(&%+v).Error() = %q, want %q", *tt.give, got, tt.want)
		}
	}
}

func TestPatternErrorMessageRandom(t *testing.T) {
	for range 20 {
		b := make([]byte, 1+rand.IntN(8))
		for i := range b {
			b[i] = "abc/{}\" \t"[rand.IntN(9)]
		}
		e := &PatternError{
			Method:  []string{"", "GET", "PROPFIND"}[rand.IntN(3)],
			Pattern: "/" + string(b),
			Offset:  rand.IntN(len(b)+2) - 1,
			Problem: []string{"nil handler", "empty segment", "already registered"}[rand.IntN(3)],
		}
		want := "velocy: "
		if e.Method != "" {
			want += e.Method + " "
		}
		want += strconv.Quote(e.Pattern) + ": "
		if e.Offset >= 0 {
			want += "at offset " + strconv.Itoa(e.Offset) + ": "
		}
		want += e.Problem
		if got := e.Error(); got != want {
			t.Fatalf("(&%+v).Error() = %q, want %q", *e, got, want)
		}
	}
}

// patternErrorRecover calls f and returns the *PatternError it panics with,
// or describes what it did instead.
func patternErrorRecover(f func()) (pe *PatternError, instead string) {
	defer func() {
		v := recover()
		err, ok := v.(error)
		switch {
		case v == nil:
			instead = "does not panic"
		case !ok:
			instead = "panics with a " + patternErrorKind(v) + ", not an error"
		case !errors.As(err, &pe):
			instead = "panics with " + patternErrorKind(v) + " " + err.Error()
		}
	}()
	f()
	return nil, ""
}

func patternErrorKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case error:
		return "error of another type"
	}
	return "value of another type"
}

func TestHandlePanicsWithPatternError(t *testing.T) {
	pe, instead := patternErrorRecover(func() { New().Handle("GET", "/x", nil) })
	if pe == nil {
		t.Fatalf("Handle(\"GET\", \"/x\", nil) %s, want a panic with a *PatternError", instead)
	}
	if pe.Method != "GET" || pe.Pattern != "/x" || pe.Offset != -1 || pe.Problem != "nil handler" {
		t.Errorf("Handle(\"GET\", \"/x\", nil) panics with &%+v, want &{Method:GET Pattern:/x Offset:-1 Problem:nil handler}", *pe)
	}

	r := New()
	r.Handle("PUT", "/items", http.NotFoundHandler())
	pe, instead = patternErrorRecover(func() { r.Handle("PUT", "/items", http.NotFoundHandler()) })
	if pe == nil {
		t.Fatalf("Handle(\"PUT\", \"/items\") a second time %s, want a panic with a *PatternError", instead)
	}
	if pe.Method != "PUT" || pe.Pattern != "/items" || pe.Offset != -1 || pe.Problem != "already registered" {
		t.Errorf("Handle(\"PUT\", \"/items\") a second time panics with &%+v, want &{Method:PUT Pattern:/items Offset:-1 Problem:already registered}", *pe)
	}
}
