package db

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

// appendRecordRandomBytes returns n random bytes.
func appendRecordRandomBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return b
}

func TestAppendRecordLayout(t *testing.T) {
	table := crc32.MakeTable(crc32.Castagnoli)
	for range 200 {
		kind := kindPut
		id := string(appendRecordRandomBytes(1 + rand.IntN(40)))
		doc := fmt.Appendf(nil, `{"n":%d,"s":%q}`, rand.IntN(1e6), appendRecordRandomBytes(rand.IntN(300)))
		if rand.IntN(4) == 0 {
			kind, doc = kindDelete, nil
		}
		prefix := appendRecordRandomBytes(rand.IntN(20))
		got := appendRecord(bytes.Clone(prefix), kind, id, doc)
		call := fmt.Sprintf("appendRecord(%d bytes, kind %d, id of %d bytes, doc of %d bytes)", len(prefix), kind, len(id), len(doc))
		if !bytes.HasPrefix(got, prefix) {
			t.Fatalf("%s changed the bytes already in b: it must append after them", call)
		}
		rec := got[len(prefix):]
		if want := headerSize + len(id) + len(doc); len(rec) != want {
			t.Fatalf("%s appended %d bytes, want %d (12-byte header, then the id, then the document)", call, len(rec), want)
		}
		if n := binary.LittleEndian.Uint32(rec[4:]); n != uint32(len(doc)) {
			t.Fatalf("%s: bytes 4..7 hold %d, want the document length %d, little endian", call, n, len(doc))
		}
		if n := binary.LittleEndian.Uint16(rec[8:]); n != uint16(len(id)) {
			t.Fatalf("%s: bytes 8..9 hold %d, want the id length %d, little endian", call, n, len(id))
		}
		if rec[10] != kind || rec[11] != 0 {
			t.Fatalf("%s: bytes 10 and 11 are %d and %d, want the kind %d and a reserved 0", call, rec[10], rec[11], kind)
		}
		if string(rec[headerSize:headerSize+len(id)]) != id || !bytes.Equal(rec[headerSize+len(id):], doc) {
			t.Fatalf("%s: the id and the document do not follow the header as given", call)
		}
		if sum, want := binary.LittleEndian.Uint32(rec), crc32.Checksum(rec[4:], table); sum != want {
			t.Fatalf("%s: bytes 0..3 hold %#08x, want %#08x: the CRC-32C (Castagnoli) of bytes 4.. of the record, header included", call, sum, want)
		}
		if n := recordLen(id, doc); n != len(rec) {
			t.Fatalf("recordLen = %d, but appendRecord wrote %d bytes", n, len(rec))
		}
	}
}
