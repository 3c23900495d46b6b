package db

import (
	"bytes"
	"testing"
)

// FuzzDecodeRecord holds the decoder to two promises: it never panics or
// reads past its input, and it accepts only what the encoder produces
// (what it decodes re-encodes to exactly the bytes it consumed).
func FuzzDecodeRecord(f *testing.F) {
	f.Add(appendRecord(nil, kindPut, "user/1", []byte(`{"name":"Ann"}`)))
	f.Add(appendRecord(nil, kindDelete, "user/1", nil))
	f.Add(appendRecord(appendRecord(nil, kindPut, "a", []byte(`1`)), kindPut, "b", []byte(`2`)))
	f.Add(make([]byte, headerSize))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, n, err := decodeRecord(b)
		if err != nil {
			return
		}
		if n < headerSize || n > len(b) {
			t.Fatalf("decoded %d bytes of %d", n, len(b))
		}
		again := appendRecord(nil, r.kind, string(r.id), r.doc)
		if !bytes.Equal(again, b[:n]) {
			t.Fatalf("decoded %x as kind %d, id %q, doc %q, which encodes to %x", b[:n], r.kind, r.id, r.doc, again)
		}
	})
}
