package db

import (
	"bytes"
	"errors"
	"testing"
)

func TestRecordRoundTrip(t *testing.T) {
	cases := []struct {
		kind byte
		id   string
		doc  string
	}{
		{kindPut, "a", `{}`},
		{kindPut, "user/42", `{"name":"Ann","tags":["x","y"]}`},
		{kindDelete, "user/42", ``},
	}
	for _, c := range cases {
		b := appendRecord([]byte("prefix"), c.kind, c.id, []byte(c.doc))
		enc := b[len("prefix"):]
		if len(enc) != recordLen(c.id, []byte(c.doc)) {
			t.Errorf("%q: encoded %d bytes, recordLen says %d", c.id, len(enc), recordLen(c.id, []byte(c.doc)))
		}
		r, n, err := decodeRecord(append(enc, "trailing"...))
		if err != nil || n != len(enc) || r.kind != c.kind || string(r.id) != c.id || string(r.doc) != c.doc {
			t.Errorf("decode(encode(%d, %q, %s)) = %d %q %s, %d bytes, %v", c.kind, c.id, c.doc, r.kind, r.id, r.doc, n, err)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	good := appendRecord(nil, kindPut, "id", []byte(`{"a":1}`))
	for cut := range len(good) {
		if _, _, err := decodeRecord(good[:cut]); !errors.Is(err, errShort) {
			t.Errorf("record cut at %d of %d: err = %v, want errShort", cut, len(good), err)
		}
	}
	for i := range len(good) * 8 {
		b := bytes.Clone(good)
		b[i/8] ^= 1 << (i % 8)
		if _, _, err := decodeRecord(b); err == nil {
			t.Errorf("bit %d flipped: decoded without error", i)
		}
	}
}
