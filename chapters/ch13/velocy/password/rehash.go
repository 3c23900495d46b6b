package password

// NeedsRehash reports whether the encoded hash is weaker than
// [DefaultParams] and should be replaced at the next successful login.
func NeedsRehash(encoded string) bool {
	return DefaultParams.NeedsRehash(encoded)
}

// NeedsRehash reports whether the encoded hash is weaker than p asks:
// fewer iterations, a shorter salt, a key of another length, another
// algorithm, or a hash that cannot be read at all. A hash stronger than p
// is kept: lowering the parameters must not weaken stored hashes.
func (p Params) NeedsRehash(encoded string) bool {
	d, err := decode(encoded)
	if err != nil {
		return true
	}
	return d.iterations < p.Iterations || len(d.salt) < p.SaltLen || len(d.key) != p.KeyLen
}
