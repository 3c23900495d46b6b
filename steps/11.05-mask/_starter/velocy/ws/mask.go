package ws

// maskBytes XORs b with the masking key, starting at position pos of the key
// (0-3), and returns the position after b. Masking and unmasking are the same
// operation (RFC 6455, section 5.3).
func maskBytes(key [4]byte, pos int, b []byte) int {
	// TODO(11.05): XOR 8 bytes at a time with the key repeated into a
	// uint64 from the right phase; the head and the tail byte by byte.
	return 0
}
