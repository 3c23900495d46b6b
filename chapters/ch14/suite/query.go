package suite

import (
	"fmt"
	"strings"
)

// ParseQuery parses a URL query string ("a=1&b=x+y&a=%21") into its keys and values, the way
// net/url.ParseQuery does for every input: '+' is a space, %XX is a byte, empty pairs are
// skipped, a pair without '=' has the empty value, and a semicolon or a bad escape is an error.
// Unlike url.ParseQuery it stops at the first error.
func ParseQuery(s string) (map[string][]string, error) {
	m := map[string][]string{}
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		if strings.Contains(pair, ";") {
			return m, fmt.Errorf("query: semicolon in %q", pair)
		}
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, err := unescapeQuery(k)
		if err != nil {
			return m, err
		}
		v, err = unescapeQuery(v)
		if err != nil {
			return m, err
		}
		m[k] = append(m[k], v)
	}
	return m, nil
}

// unescapeQuery decodes one key or value: '+' to a space, %XX to its byte.
func unescapeQuery(s string) (string, error) {
	if !strings.ContainsAny(s, "+%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b.WriteByte(' ')
		case '%':
			if i+2 >= len(s) {
				return "", fmt.Errorf("query: %q ends inside an escape", s)
			}
			hi, lo := fromHex(s[i+1]), fromHex(s[i+2])
			if hi < 0 || lo < 0 {
				return "", fmt.Errorf("query: bad escape %q in %q", s[i:i+3], s)
			}
			b.WriteByte(byte(hi<<4 | lo))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// fromHex returns the value of a hexadecimal digit, or -1.
func fromHex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
