package db

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// A key is a JSON scalar encoded so that comparing two keys byte by byte
// (as Go compares strings) orders them as values: first by type, null <
// false < true < numbers < strings, then by value. A key is a tag byte
// followed by the value:
//
//	null    01
//	false   02 00
//	true    02 01
//	number  03 b0 b1 b2 b3 b4 b5 b6 b7  (float64 bits, big endian,
//	                                     sign bit flipped if positive,
//	                                     every bit flipped if negative)
//	string  04 the bytes of the string
//
// All keys of one type lie between the tag alone and the next tag, which
// is how a range such as "n > 5" stays among the numbers.
const (
	tagNull   = 0x01
	tagBool   = 0x02
	tagNumber = 0x03
	tagString = 0x04
)

// encodeKey returns the key of v, which must be nil, a bool, a number
// (any Go integer or float type) or a string.
func encodeKey(v any) (string, error) {
	// TODO(10.06-key-encoding): nil, bool, string, and every number type
	// (through numberKey); an error for anything else.
	return "", nil
}

// numberKey encodes f so that the byte order of keys is the numeric order.
// Flipping the sign bit puts positive numbers above negative ones;
// flipping every bit of a negative number reverses their order, since a
// larger magnitude means a smaller number. -0 is stored as 0.
func numberKey(f float64) string {
	// TODO(10.06-key-encoding): the tag, then the float's bits, big
	// endian, so that byte order is numeric order.
	return ""
}

// decodeKey returns the value of a key made by encodeKey: nil, a bool, a
// float64 or a string.
func decodeKey(k string) any {
	if k == "" {
		return nil
	}
	switch k[0] {
	case tagBool:
		return len(k) > 1 && k[1] == 1
	case tagNumber:
		if len(k) != 9 {
			return nil
		}
		bits := binary.BigEndian.Uint64([]byte(k[1:]))
		if bits>>63 == 1 {
			bits &^= 1 << 63
		} else {
			bits = ^bits
		}
		return math.Float64frombits(bits)
	case tagString:
		return k[1:]
	}
	return nil
}

// formatValue writes v as it appears in a query: null, true, 12.5, "text".
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case string:
		return strconv.Quote(v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e21 { // 20261201, not 2.0261201e+07
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if k, err := encodeKey(v); err == nil {
		return formatValue(decodeKey(k))
	}
	return fmt.Sprint(v)
}

// fields is a document read lazily: key scans it for one path without
// building anything, so that finding three fields costs three quick scans
// rather than one encoding/json parse into a map (4 times slower, and 20
// allocations, for a document of 70 bytes).
type fields []byte

// parseFields returns doc, valid JSON (Put checks it), as fields.
func parseFields(doc []byte) fields { return fields(doc) }

// key returns the key of the value at path (a field name, or names joined
// by dots to go into objects), and false if the document has no scalar
// there: a missing field, an object and an array are not indexed.
func (f fields) key(path string) (string, bool) {
	// TODO(10.06-field-path): for each name of the path, find its member
	// in the current object; at the last, encode the value with scalarKey.
	return "", false
}

// member returns where the value of the member called name starts in the
// object at doc[i], or false if doc[i] starts no object or the object has
// no such member. Of two members with one name the last counts, as in
// encoding/json.
func member(doc []byte, i int, name string) (int, bool) {
	// TODO(10.06-field-path): walk the object's members: a name (nameIs),
	// a colon, a value (skipValue), then a comma or the closing brace.
	return 0, false
}

// nameIs reports whether the quoted JSON string q is name. Only a name
// with escapes or invalid UTF-8 (which encoding/json replaces) needs
// decoding.
func nameIs(q []byte, name string) bool {
	raw := q[1 : len(q)-1]
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return string(raw) == name
	}
	var s string
	return json.Unmarshal(q, &s) == nil && s == name
}

func skipSpace(doc []byte, i int) int {
	for i < len(doc) && (doc[i] == ' ' || doc[i] == '\t' || doc[i] == '\n' || doc[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns where the JSON value starting at doc[i] ends. It
// trusts the document to be valid and only finds the end: a string's
// closing quote past escapes, the bracket that closes an object or array,
// or the end of a literal.
func skipValue(doc []byte, i int) (int, bool) {
	// TODO(10.06-field-path): a string (mind the escapes), an object or
	// array (count the brackets, skip the strings inside), or a literal.
	return 0, false
}

// scalarKey encodes one JSON scalar, and reports false for an object or
// an array.
func scalarKey(raw []byte) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	switch c := raw[0]; {
	case c == 'n':
		return string([]byte{tagNull}), true
	case c == 't':
		return string([]byte{tagBool, 1}), true
	case c == 'f':
		return string([]byte{tagBool, 0}), true
	case c == '"' && len(raw) >= 2:
		if in := raw[1 : len(raw)-1]; bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in) {
			return string([]byte{tagString}) + string(in), true
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return string([]byte{tagString}) + s, true
	case c == '-' || c >= '0' && c <= '9':
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil && !isRange(err) { // 1e999 is +Inf: still ordered
			return "", false
		}
		return numberKey(f), true
	}
	return "", false
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
