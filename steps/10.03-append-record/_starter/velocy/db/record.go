package db

import (
	"errors"
	"hash/crc32"
)

// headerSize is the size of a record's fixed header; the layout is in the
// package documentation.
const headerSize = 12

// MaxIDLen is the longest id, in bytes, a record can hold.
const MaxIDLen = 1<<16 - 1

// MaxDocLen is the largest document, in bytes, the database accepts. It
// also lets recovery tell a plausible header from noise.
const MaxDocLen = 64 << 20

// Record kinds, as stored in byte 10 of the header.
const (
	kindPut    byte = 1
	kindDelete byte = 2
)

// castagnoli is the CRC-32C table; on amd64 and arm64 the hash package
// computes it with the CPU's CRC instructions.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Errors of decodeRecord. errShort means the bytes end before the record
// does (at the end of a file, a torn write).
var (
	errShort     = errors.New("record cut short")
	errBadHeader = errors.New("invalid record header")
	errChecksum  = errors.New("record checksum mismatch")
)

// record is a decoded record. id and doc point into the decoded bytes.
type record struct {
	kind byte
	id   []byte
	doc  []byte
}

// recordLen is the encoded size of a record with this id and document.
func recordLen(id string, doc []byte) int {
	return headerSize + len(id) + len(doc)
}

// appendRecord appends the encoding of a record to b. The caller has
// checked the lengths against MaxIDLen and MaxDocLen.
func appendRecord(b []byte, kind byte, id string, doc []byte) []byte {
	// TODO(10.03): append the 12-byte header (CRC left 0 for now, the
	// document length, the id length, the kind, a reserved 0), the id and
	// the document; then put the CRC-32C of everything after the CRC field
	// into bytes 0..3 of the header.
	return b
}

// decodeRecord decodes the record at the start of b and returns it with
// its encoded length. It accepts exactly what appendRecord produces: a
// header whose fields are in range, then the whole id and document, with a
// matching CRC. It never reads past b.
func decodeRecord(b []byte) (record, int, error) {
	// TODO(10.03): check the header's fields, that b holds the whole
	// record, and its CRC; return the record and its length.
	return record{}, 0, errShort
}
