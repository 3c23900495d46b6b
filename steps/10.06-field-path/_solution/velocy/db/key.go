package db

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
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
	switch v := v.(type) {
	case nil:
		return string([]byte{tagNull}), nil
	case bool:
		if v {
			return string([]byte{tagBool, 1}), nil
		}
		return string([]byte{tagBool, 0}), nil
	case string:
		return string([]byte{tagString}) + v, nil
	case float64:
		return numberKey(v), nil
	case float32:
		return numberKey(float64(v)), nil
	case int:
		return numberKey(float64(v)), nil
	case int64:
		return numberKey(float64(v)), nil
	case int32:
		return numberKey(float64(v)), nil
	case uint:
		return numberKey(float64(v)), nil
	case uint64:
		return numberKey(float64(v)), nil
	case uint32:
		return numberKey(float64(v)), nil
	}
	return "", fmt.Errorf("value %v of type %T: want nil, bool, a number or string", v, v)
}

// numberKey encodes f so that the byte order of keys is the numeric order.
// Flipping the sign bit puts positive numbers above negative ones;
// flipping every bit of a negative number reverses their order, since a
// larger magnitude means a smaller number. -0 is stored as 0.
func numberKey(f float64) string {
	if f == 0 {
		f = 0
	}
	bits := math.Float64bits(f)
	if bits>>63 == 0 {
		bits |= 1 << 63
	} else {
		bits = ^bits
	}
	var b [9]byte
	b[0] = tagNumber
	binary.BigEndian.PutUint64(b[1:], bits)
	return string(b[:])
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

// fields is a document read lazily: key walks it to one path without
// building anything. For a nested field of a 70-byte document that takes
// 157 ns and allocates only the key, against 2117 ns and 27 allocations
// for encoding/json into maps (BenchmarkFieldKey).
type fields []byte

// parseFields returns doc, valid JSON (Put checks it), as fields.
func parseFields(doc []byte) fields { return fields(doc) }

// key returns the key of the value at path (a field name, or names joined
// by dots to go into objects), and false if the document has no scalar
// there: a missing field, an object and an array are not indexed.
func (f fields) key(path string) (string, bool) {
	doc := []byte(f)
	i := skipSpace(doc, 0)
	for {
		name, rest, more := strings.Cut(path, ".")
		v, ok := member(doc, i, name)
		if !ok {
			return "", false
		}
		if !more {
			end, ok := skipValue(doc, v)
			if !ok {
				return "", false
			}
			return scalarKey(doc[v:end])
		}
		i, path = v, rest
	}
}

// member returns where the value of the member called name starts in the
// object at doc[i], or false if doc[i] starts no object or the object has
// no such member. Of two members with one name the last counts, as in
// encoding/json.
func member(doc []byte, i int, name string) (int, bool) {
	if i >= len(doc) || doc[i] != '{' {
		return 0, false
	}
	found := -1
	i = skipSpace(doc, i+1)
	if i < len(doc) && doc[i] == '}' {
		return 0, false
	}
	for i < len(doc) && doc[i] == '"' {
		end, ok := skipValue(doc, i) // the member's name
		if !ok {
			return 0, false
		}
		match := nameIs(doc[i:end], name)
		i = skipSpace(doc, end)
		if i >= len(doc) || doc[i] != ':' {
			return 0, false
		}
		i = skipSpace(doc, i+1)
		if match {
			found = i
		}
		if i, ok = skipValue(doc, i); !ok {
			return 0, false
		}
		i = skipSpace(doc, i)
		if i < len(doc) && doc[i] == '}' {
			return found, found >= 0
		}
		if i >= len(doc) || doc[i] != ',' {
			return 0, false
		}
		i = skipSpace(doc, i+1)
	}
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
	if i >= len(doc) {
		return 0, false
	}
	switch doc[i] {
	case '"':
		for j := i + 1; j < len(doc); j++ {
			switch doc[j] {
			case '\\':
				j++
			case '"':
				return j + 1, true
			}
		}
		return 0, false
	case '{', '[':
		depth := 0
		for j := i; j < len(doc); j++ {
			switch doc[j] {
			case '"':
				end, ok := skipValue(doc, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	}
	j := i
	for j < len(doc) && strings.IndexByte(",}] \t\r\n", doc[j]) < 0 {
		j++
	}
	return j, j > i
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
