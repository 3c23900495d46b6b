package rawhttp

// Header holds header fields by canonical name ("Content-Type"), each with its
// values in the order they arrived. Field names are case-insensitive, so every
// method canonicalizes the name it is given.
type Header map[string][]string

// Add appends value to the values of the field name.
func (h Header) Add(name, value string) {
	name = canonicalKey(name)
	h[name] = append(h[name], value)
}

// Set replaces every value of the field name with value.
func (h Header) Set(name, value string) {
	h[canonicalKey(name)] = []string{value}
}

// Get returns the first value of the field name, or "" if there is none.
func (h Header) Get(name string) string {
	if v := h[canonicalKey(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of the field name, in order. Do not modify the result.
func (h Header) Values(name string) []string {
	return h[canonicalKey(name)]
}

// Del removes the field name.
func (h Header) Del(name string) {
	delete(h, canonicalKey(name))
}

// canonicalKey returns name with its first letter and every letter after a hyphen
// in upper case and the rest in lower case: "content-TYPE" becomes "Content-Type".
// A name that is not a token is returned unchanged, so that it stays invalid.
func canonicalKey(name string) string {
	if !isToken(name) || isCanonical(name) {
		return name // nothing to change, nothing to allocate
	}
	b := []byte(name)
	upper := true
	for i, c := range b {
		switch {
		case upper && 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case !upper && 'A' <= c && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
		upper = c == '-'
	}
	return string(b)
}

// isCanonical reports whether name is already in canonical form.
func isCanonical(name string) bool {
	upper := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			return false
		}
		upper = c == '-'
	}
	return true
}
