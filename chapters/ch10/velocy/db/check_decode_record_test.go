package db

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// decodeRecordRandom returns a random record's kind, id, document and
// encoding.
func decodeRecordRandom() (byte, string, []byte, []byte) {
	id := fmt.Sprintf("id-%d-%x", rand.IntN(1000), rand.Uint64())
	kind, doc := kindPut, fmt.Appendf(nil, `{"v":%d,"pad":"%*s"}`, rand.IntN(1e6), rand.IntN(100), "")
	if rand.IntN(4) == 0 {
		kind, doc = kindDelete, nil
	}
	return kind, id, doc, appendRecord(nil, kind, id, doc)
}

func TestDecodeRecordRoundTrip(t *testing.T) {
	for range 200 {
		kind, id, doc, enc := decodeRecordRandom()
		// Something valid follows: decodeRecord must stop at the record's end.
		_, _, _, next := decodeRecordRandom()
		r, n, err := decodeRecord(append(bytes.Clone(enc), next...))
		if err != nil {
			t.Fatalf("decodeRecord(a valid record of %d bytes, then another) = %v, want no error", len(enc), err)
		}
		if n != len(enc) {
			t.Fatalf("decodeRecord(a valid record of %d bytes, then another) returned length %d, want %d", len(enc), n, len(enc))
		}
		if r.kind != kind || string(r.id) != id || !bytes.Equal(r.doc, doc) {
			t.Fatalf("decodeRecord(appendRecord(%d, %q, %s)) = kind %d, id %q, doc %s", kind, id, doc, r.kind, r.id, r.doc)
		}
	}
}

func TestDecodeRecordCutShort(t *testing.T) {
	_, _, _, enc := decodeRecordRandom()
	for cut := range len(enc) {
		_, _, err := decodeRecord(enc[:cut])
		if err != errShort {
			t.Fatalf("decodeRecord(the first %d of a record's %d bytes) = %v, want errShort: the record is cut short (it must never read past b)", cut, len(enc), err)
		}
	}
	// A whole header announces the record's length, even if b ends early.
	_, n, _ := decodeRecord(enc[:headerSize])
	if n != len(enc) {
		t.Fatalf("decodeRecord(a header alone) returned length %d, want %d: with a whole header, return the length it announces with errShort", n, len(enc))
	}
}

func TestDecodeRecordRejectsBadHeaders(t *testing.T) {
	_, _, _, put := decodeRecordRandom()
	for put[10] != kindPut {
		_, _, _, put = decodeRecordRandom()
	}
	del := appendRecord(nil, kindDelete, "gone", nil)
	cases := []struct {
		name string
		rec  []byte
		edit func(b []byte)
	}{
		{"reserved byte 11 not 0", put, func(b []byte) { b[11] = byte(1 + rand.IntN(255)) }},
		{"id length 0", put, func(b []byte) { b[8], b[9] = 0, 0 }},
		{"unknown kind", put, func(b []byte) { b[10] = byte(3 + rand.IntN(250)) }},
		{"kind 0", put, func(b []byte) { b[10] = 0 }},
		{"document longer than MaxDocLen", put, func(b []byte) { b[7] = byte(5 + rand.IntN(250)) }},
		{"a delete with a document", del, func(b []byte) { b[4] = byte(1 + rand.IntN(255)) }},
		{"a put without a document", put, func(b []byte) { b[4], b[5], b[6], b[7] = 0, 0, 0, 0 }},
	}
	for _, c := range cases {
		b := bytes.Clone(c.rec)
		c.edit(b)
		if _, _, err := decodeRecord(b); err != errBadHeader {
			t.Errorf("decodeRecord(a record with %s) = %v, want errBadHeader", c.name, err)
		}
	}
}

func TestDecodeRecordCatchesFlippedBits(t *testing.T) {
	for range 300 {
		_, _, _, enc := decodeRecordRandom()
		b := bytes.Clone(enc)
		bit := rand.IntN(len(b) * 8)
		b[bit/8] ^= 1 << (bit % 8)
		_, _, err := decodeRecord(b)
		if err == nil {
			t.Fatalf("decodeRecord(a record with bit %d of %d flipped) = no error, want errChecksum (or errBadHeader, errShort if the flip hit a length or the kind)", bit, len(b)*8)
		}
		if bit/8 >= headerSize && !errors.Is(err, errChecksum) {
			t.Fatalf("decodeRecord(a record with bit %d flipped, in the id or document) = %v, want errChecksum", bit, err)
		}
	}
}
