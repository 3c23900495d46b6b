package db

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// refKey is the key at path found the slow, obvious way: encoding/json
// into maps, one level per dot. fields.key must agree with it.
func refKey(doc []byte, path string) (string, bool) {
	var cur map[string]json.RawMessage
	if json.Unmarshal(doc, &cur) != nil {
		return "", false
	}
	for {
		name, rest, more := strings.Cut(path, ".")
		raw, ok := cur[name]
		if !ok {
			return "", false
		}
		if !more {
			return refScalar(raw)
		}
		if json.Unmarshal(raw, &cur) != nil {
			return "", false
		}
		path = rest
	}
}

func refScalar(raw json.RawMessage) (string, bool) {
	if raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9' {
		f, err := strconv.ParseFloat(string(raw), 64) // 1e999 is +Inf
		return numberKey(f), err == nil || isRange(err)
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	switch v.(type) {
	case map[string]any, []any:
		return "", false
	}
	k, err := encodeKey(v)
	return k, err == nil
}

func FuzzFieldKey(f *testing.F) {
	for _, s := range [][2]string{
		{`{"a":1}`, "a"},
		{` { "a" : { "b" : "x\"y" , "c":[1,{"d":2}] } , "a":{"b":null} } `, "a.b"},
		{`{"a\u0062":true,"ab":false}`, "ab"},
		{`{"a":"\u00e9\n","b":{"c":{}}}`, "a"},
		{`{"n":-1.5e-3,"s":"\ud800"}`, "n"},
		{`{"":{"":1e999}}`, "."},
		{`[{"a":1}]`, "a"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, doc, path string) {
		if !json.Valid([]byte(doc)) {
			return
		}
		got, gok := parseFields([]byte(doc)).key(path)
		want, wok := refKey([]byte(doc), path)
		if got != want || gok != wok {
			t.Fatalf("key(%q) of %s = %q, %v; encoding/json says %q, %v", path, doc, got, gok, want, wok)
		}
	})
}

// BenchmarkFieldKey compares the walk with encoding/json into maps, for
// a nested field of a 70-byte document.
func BenchmarkFieldKey(b *testing.B) {
	doc := benchIndexDoc(12345)
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			parseFields(doc).key("addr.city")
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			refKey(doc, "addr.city")
		}
	})
}
