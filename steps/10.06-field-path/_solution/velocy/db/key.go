package db

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
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

// fields is a document parsed one level deep: its top-level fields, each
// still in JSON. Objects below are parsed only when a path goes into them.
type fields map[string]json.RawMessage

// parseFields parses the top level of doc. A document that is not an
// object has no fields.
func parseFields(doc []byte) fields {
	var f fields
	if json.Unmarshal(doc, &f) != nil {
		return nil
	}
	return f
}

// key returns the key of the value at path (a field name, or names joined
// by dots to go into objects), and false if the document has no scalar
// there: a missing field, an object and an array are not indexed.
func (f fields) key(path string) (string, bool) {
	cur := f
	for {
		name, rest, more := strings.Cut(path, ".")
		raw, ok := cur[name]
		if !ok {
			return "", false
		}
		if !more {
			return scalarKey(raw)
		}
		if json.Unmarshal(raw, &cur) != nil {
			return "", false
		}
		path = rest
	}
}

// scalarKey encodes one JSON scalar, and reports false for an object or
// an array.
func scalarKey(raw json.RawMessage) (string, bool) {
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
	case c == '"':
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
